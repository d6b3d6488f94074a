"""A small HTTP server on 127.0.0.1 that plays a recording server for the audio proxy tests.

It serves files from a dict with Range support and records every request path, so a
test can prove that a host was never contacted. Paths starting with /hang/ get no
response, /redirect/ sends a 302 to ``redirect_to``, /drop/ sends half the body and
closes the connection, /stall/ sends half the body and then waits, and unknown paths
get 404.
"""
import re
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The ports this test suite may listen on.
PORTS = range(8021, 8030)


class RecordingServerHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_HEAD(self):
        self._answer(send_body=False)

    def do_GET(self):
        self._answer(send_body=True)

    def _answer(self, send_body):
        server = self.server
        server.requests.append((self.command, self.path, dict(self.headers)))
        if self.path.startswith("/hang/"):
            server.stopping.wait(30)
            return
        if self.path.startswith("/redirect/"):
            self._send(302, b"", {"Location": server.redirect_to}, send_body)
            return
        body = server.files.get(self.path)
        if body is None:
            self._send(404, b"not found", {}, send_body)
        elif self.path.startswith("/drop/"):
            self._send_half(body)
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif self.path.startswith("/stall/"):
            self._send_half(body)
            server.stopping.wait(30)
        else:
            self._send_ranged(body, send_body)

    def _send_ranged(self, body, send_body):
        if self.headers.get("If-None-Match") == '"v1"':
            self._send(304, b"", {"ETag": '"v1"'}, send_body=False)
            return
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        if match is None:
            self._send(200, body, {"Accept-Ranges": "bytes", "ETag": '"v1"'}, send_body)
            return
        first, last = match.groups()
        start = int(first) if first else len(body) - int(last)
        end = min(int(last), len(body) - 1) if first and last else len(body) - 1
        if start >= len(body):
            self._send(416, b"", {"Content-Range": f"bytes */{len(body)}"}, send_body)
            return
        headers = {"Accept-Ranges": "bytes", "Content-Range": f"bytes {start}-{end}/{len(body)}"}
        self._send(206, body[start : end + 1], headers, send_body)

    def _send_half(self, body):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()

    def _send(self, status, body, headers, send_body):
        # Closing every connection keeps a pooled connection from reaching a server
        # of an earlier test that listened on the same port.
        self.close_connection = True
        self.send_response(status)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class RecordingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address):
        super().__init__(address, RecordingServerHandler)
        self.files = {}
        self.requests = []
        self.redirect_to = ""
        self.stopping = threading.Event()

    @property
    def port(self):
        return self.server_address[1]


def make_self_signed_certificate(directory):
    """Write a self-signed certificate for 127.0.0.1 and its key into ``directory``; return both paths."""
    certificate, key = directory / "server.pem", directory / "server.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    return certificate, key


def start_recording_server(certificate=None):
    """Start a RecordingServer on the first free port of PORTS and return it, serving in a thread.

    With ``certificate`` (a certificate and key path pair) the server speaks HTTPS.
    """
    for port in PORTS:
        try:
            server = RecordingServer(("127.0.0.1", port))
        except OSError:
            continue
        if certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
            server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return server
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1} for the test recording server")


def stop_recording_server(server):
    server.stopping.set()
    server.shutdown()
    server.server_close()
