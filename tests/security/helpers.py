"""Signing staff in for tests as a real login would leave the session: password and, where the account has or
needs it, the TOTP second factor passed."""

from gongkai.accounts import signin


def sign_in(client, user):
    client.force_login(user)
    session = client.session
    session[signin.SESSION_VERIFIED] = user.pk
    session.save()
