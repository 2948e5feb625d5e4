"""Where phones reach this PC: the phone page's HTTPS port and the plain-HTTP trust page's.

One home for both numbers, read by the server, this PC's settings and the command line
(which builds its parser without loading any server, so this module imports nothing).
"""

DEFAULT_PORT = 8443  # the phone page (HTTPS); 本机设置 and ``serve --port`` change it
TRUST_PORT = 8080  # the trust page (plain HTTP), where the desk's QR code points
