"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py 'wizard:create_app()'`.

Command-line flags and GUNICORN_CMD_ARGS override these (e.g. --bind 0.0.0.0:8000 in a container)."""

from gunicorn.http import wsgi

bind = "127.0.0.1:8000"          # behind a reverse proxy that terminates TLS
workers = 2
threads = 4                       # gthread: one slow request (a PDF) does not block its worker
worker_class = "gthread"
# every worker listens on its own socket (SO_REUSEPORT) and the kernel spreads new connections
# over them. On one shared socket the worker that wakes first takes every kept-alive connection:
# under `make bench-pages` one worker served all requests while the other idled. Set the sysctl
# net.ipv4.tcp_migrate_req=1 so that connections waiting for a restarting worker move to another.
reuse_port = True
# a worker silent for this long is restarted; every page answers in milliseconds, the largest
# PDF in seconds, so 30 s leaves a wide margin without letting a stuck request linger
timeout = 30
graceful_timeout = 30
keepalive = 5
# restart workers now and then, a guard against slow leaks. Rarely: PDFs are rendered in a
# separate, regularly renewed process (wizard/advice/pdf.py), so a worker's memory stays flat, and
# a restart is expensive: a new worker spends ~2 s of CPU importing and warming up, and the old
# one closes its keep-alive connections. At 1,000 (before) the restarts took about half the CPU of
# /interventies under `make bench-pages` and caused its connection errors.
max_requests = 100_000
max_requests_jitter = 10_000
# the proxy on this host may say the request came in over https (X-Forwarded-Proto)
forwarded_allow_ips = "127.0.0.1"
# bounded request heads (gunicorn's defaults, stated so that nobody raises them by accident)
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
# questionnaire, advice and invitation links are keys: the log shows them as *** (wizard/access_log.py)
logger_class = "wizard.access_log.KeylessLogger"
# no runtime-control socket (gunicorn 24+): nothing here needs one, and it is one more way in
control_socket_disable = True

_default_headers = wsgi.Response.default_headers


def _without_server_banner(self):
    # gunicorn always sends "Server: gunicorn" and has no setting to stop it; naming the server
    # helps only someone looking for a version with a known weakness
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server_banner
