"""A feed served on loopback by the test itself (http.server in a thread): never the internet."""

import http.server
import threading
import time


class FeedServer:
    def __init__(self):
        self.routes = {}  # path -> (status, content_type, body, delay_seconds)
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                status, ctype, body, delay = server.routes.get(
                    self.path, (404, "text/plain", b"not found", 0)
                )
                if delay:
                    time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def serve(self, path, body, content_type="application/rss+xml; charset=utf-8", status=200, delay=0):
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = (status, content_type, body, delay)
        return self.url(path)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
