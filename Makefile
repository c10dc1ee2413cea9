# gongkai — two commands: `make demo` (install, migrate, demo data, serve) and `make test` (install, run every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# parallel test workers (pytest-xdist); a test file stays on one worker, so its module fixtures are built once
PYTEST_WORKERS ?= auto
STAMP  := $(VENV)/.installed-stamp
# the 公文 typefaces (仿宋/黑体/楷体/小标宋: Fandol, from Debian's texlive-lang-chinese; gongkai/core/fonts.py)
FONTS  := var/fonts/FandolFang-Regular.otf

.PHONY: demo test install lint bench clean serve

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) $(FONTS)

# not fatal: without them the documents fall back to Noto Sans CJK and `gongkai fonts` says what is missing
$(FONTS): | $(STAMP)
	-$(BIN)/gongkai fonts --fetch

demo: install
	$(BIN)/gongkai migrate --noinput -v0
	$(BIN)/gongkai collectstatic --noinput -v0
	$(BIN)/gongkai demo
	$(BIN)/gongkai serve --port $(PORT)

serve: install
	$(BIN)/gongkai serve --port $(PORT)

test: install
	@if [ -x /usr/bin/chromium ]; then echo "浏览器测试：使用 /usr/bin/chromium"; \
	 else echo "浏览器测试将跳过：未找到 /usr/bin/chromium（apt-get install chromium 后即可运行）"; fi
	$(BIN)/gongkai collectstatic --noinput -v0
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff format --check gongkai tests bench tools
	$(BIN)/ruff check gongkai tests bench tools

clean:
	rm -rf $(VENV) var/test*.sqlite3
