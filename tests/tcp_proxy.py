"""A TCP proxy on 127.0.0.1 that a test controls, to put faults between the app and MariaDB.

Modes: forward (the default), refuse (new connections are closed at once), delay
(every chunk is held back for a number of seconds), and cut (close every open
connection now). The MariaDB server itself keeps running for the rest of the suite.
"""
import socket
import threading
import time


class TcpProxy:
    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.refusing = False
        self.delay_seconds = 0.0
        self._sockets = set()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def refuse(self):
        self.refusing = True
        self.cut()

    def forward(self):
        self.refusing = False
        self.delay_seconds = 0.0

    def delay(self, seconds):
        self.delay_seconds = seconds

    def cut(self):
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            _close(sock)

    def close(self):
        self._closed = True
        self.cut()
        _close(self.listener)

    def _accept_loop(self):
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.refusing:
                _close(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    def _pipe(self, source, destination):
        try:
            while True:
                chunk = source.recv(65536)
                if not chunk:
                    break
                if self.delay_seconds:
                    time.sleep(self.delay_seconds)
                destination.sendall(chunk)
        except OSError:
            pass
        finally:
            _close(source)
            _close(destination)


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
