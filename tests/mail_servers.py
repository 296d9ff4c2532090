"""Mail servers on 127.0.0.1 for tests that send real SMTP from another process.

`SMTPSink` speaks enough SMTP (RFC 5321: greeting, EHLO/HELO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT) for Django's smtp backend and keeps what it received.
`SilentServer` accepts connections and never answers, as a hung mail server
does: a client waits for the greeting until its own timeout.
"""

import socket
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        envelope = {"to": [], "data": b""}
        self.wfile.write(b"220 sink ESMTP ready\r\n")
        while line := self.rfile.readline():
            command = line.strip().split(b" ", 1)[0].upper()
            if command in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 sink\r\n")
            elif command == b"RCPT":
                envelope["to"].append(line.split(b":", 1)[1].strip(b" <>\r\n").decode())
                self.wfile.write(b"250 OK\r\n")
            elif command == b"DATA":
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                chunks = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    chunks.append(chunk)
                envelope["data"] = b"".join(chunks)
                self.server.messages.append(dict(envelope))
                envelope = {"to": [], "data": b""}
                self.wfile.write(b"250 OK queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:  # MAIL, RSET, NOOP
                self.wfile.write(b"250 OK\r\n")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SMTPSink:
    def __init__(self, port=0):
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.messages = []
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def messages(self):
        return self._server.messages

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


class SilentServer:
    """Listens, accepts, and says nothing until closed."""

    def __init__(self, port=0):
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        self._socket.listen(16)
        self.port = self._socket.getsockname()[1]
        self._accepted = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while True:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return
            self._accepted.append(connection)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        for connection in self._accepted:
            connection.close()
        # shutdown() wakes the accept() above; close() alone may not.
        try:
            self._socket.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._socket.close()
        self._thread.join(timeout=5)
