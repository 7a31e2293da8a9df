"""gunicorn's settings, read by gunicorn from the working directory (the project root).

Logs are kept for months and leave the server: no line may carry a visitor's address. The access
log therefore has no remote-address field (%(h)s) and logs the path without its query string
(search words, tokens); every record also passes briefing.privacy.WithoutAddresses, which takes
addresses out of gunicorn's own messages ("Invalid request from ip=…"). Behind nginx the proxy
keeps its own access log under its own retention rules (README, "Logs").

ACCESS_LOG=0 turns the access log off (the benchmark does, to measure the site, not the log).
"""

import os

_access_on = os.environ.get("ACCESS_LOG", "1").strip() not in ("", "0")
accesslog = "-" if _access_on else None
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

_handler = {
    "class": "logging.StreamHandler",
    "formatter": "plain",
    "filters": ["without_addresses"],
}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_addresses": {"()": "briefing.privacy.WithoutAddresses"}},
    "formatters": {
        "plain": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {**_handler, "stream": "ext://sys.stderr"},
        "access_console": {**_handler, "formatter": "access", "stream": "ext://sys.stdout"},
    },
    "loggers": {
        # No level: --log-level on the command line still decides.
        "gunicorn.error": {"handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {
            "handlers": ["access_console"] if _access_on else [],
            "propagate": False,
        },
    },
    "root": {"level": "INFO", "handlers": []},
}
