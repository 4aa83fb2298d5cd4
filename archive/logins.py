"""Admin login throttling (django-axes), keyed so that a stranger cannot lock an editor out.

- Hard limit: REDLINE_LOGIN_FAILURE_LIMIT failures for one username from one client
  address lock out that pair (the guesser's address, not the editor's).
- Soft limit: REDLINE_LOGIN_USERNAME_LIMIT failures for one username from any addresses
  (a guesser with many) lock out that username too, but only at addresses it has never
  logged in from: the editor's own addresses keep working.

The client address is the one the trusted proxies report (REDLINE_TRUSTED_PROXIES):
behind a TLS proxy every request comes from the proxy's address.
"""

from __future__ import annotations

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum


def client_address(request) -> str | None:
    """The client's address: with N trusted proxies in front, the N-th address from the end
    of X-Forwarded-For (each proxy appends the address it was sent the request from, so
    the addresses before are the client's own claims); without, the connection's."""
    proxies = settings.REDLINE_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies:
            try:
                return str(ipaddress.ip_address(forwarded[-proxies]))
            except ValueError:
                pass  # not an address: the connection's is the one to trust
    return request.META.get("REMOTE_ADDR")


class RedlineAxesHandler(AxesDatabaseHandler):
    """django-axes' database handler with the soft per-username limit: past it, an address
    the username never logged in from counts as having reached the per-address limit."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures < limit and self._held_back(request, credentials):
            return limit
        return failures

    @staticmethod
    def _held_back(request, credentials) -> bool:
        username = get_client_username(request, credentials)
        if not username:
            return False
        failures = (
            AccessAttempt.objects.filter(username=username, attempt_time__gte=get_cool_off_threshold(request))
            .aggregate(total=Sum("failures_since_start"))
            .get("total")
            or 0
        )
        if failures < settings.REDLINE_LOGIN_USERNAME_LIMIT:
            return False
        return not AccessLog.objects.filter(username=username, ip_address=request.axes_ip_address).exists()
