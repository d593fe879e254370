"""The debugging proxy and the upstreams put behind it, for scripts/proxy/test_proxy.py and scripts/test-faults.

`Proxy` runs the real `xiaoa-crypto proxy` (or `xiaoa-crypto-serve proxy`) on a free loopback port. The upstreams
are small servers in this process, on raw sockets so that they see and send exact bytes: `EchoUpstream` records
every request as received (method, raw target, header lines, body) and answers bytes derived from it;
`StallUpstream` reads a request and never answers; `GarbageUpstream` answers bytes that are no HTTP;
`ResetUpstream` resets the connection (SO_LINGER 0) once the request is read. All listen on 127.0.0.1 only.
"""
import hashlib
import http.client
import json
import os
import signal
import socket
import struct
import subprocess
import threading
import time

from testkit import free_port


class Proxy:
    """One running proxy in front of `upstream`; `command` is the program and subcommand, e.g.
    [".../xiaoa-crypto", "proxy"]. The pid is the proxy's own (`xiaoa-crypto` execs `xiaoa-crypto-serve`)."""

    def __init__(self, command, upstream, workdir, name, args=(), port=None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.upstream = upstream
        self.stderr_path = os.path.join(workdir, f"{name}.stderr")
        self.stderr = open(self.stderr_path, "w")
        self.process = subprocess.Popen(
            command + ["--upstream", upstream, "--host", "127.0.0.1", "--port", str(self.port)] + list(args),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.pid = self.process.pid
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{name}: the proxy exited with {self.process.returncode}: {self.err()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.process.kill()
        raise RuntimeError(f"{name}: the proxy did not listen within 30 s: {self.err()[-500:]}")

    def err(self):
        if not self.stderr.closed:
            self.stderr.flush()
        with open(self.stderr_path, errors="replace") as f:
            return f.read()

    def alive(self):
        return self.process.poll() is None

    def stop(self, sig=signal.SIGTERM):
        """Sends `sig` and returns the exit status (None when it had to be killed after 20 s)."""
        status = None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                status = self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        else:
            status = self.process.returncode
        self.stderr.close()
        return status

    def fds(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def descriptors(self):
        """The open descriptors by kind: sockets on the proxy's port (its listener and client connections),
        other TCP sockets (connections to the upstream), and everything else (files, pipes, event loops)."""
        ports = {}
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(table) as f:
                for line in list(f)[1:]:
                    fields = line.split()
                    ports[fields[9]] = int(fields[1].rsplit(":", 1)[1], 16)
        counts = {"clients": 0, "upstream": 0, "other": 0}
        for fd in os.listdir(f"/proc/{self.pid}/fd"):
            try:
                target = os.readlink(f"/proc/{self.pid}/fd/{fd}")
            except OSError:
                continue  # closed meanwhile
            inode = target[len("socket:["):-1] if target.startswith("socket:[") else None
            if inode in ports:
                counts["clients" if ports[inode] == self.port else "upstream"] += 1
            else:
                counts["other"] += 1
        return counts

    def connection(self, timeout=30):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, target, body=None, headers=(), timeout=30):
        """One request on a fresh connection: (status, [(name, value)], raw body, seconds taken)."""
        return exchange("127.0.0.1", self.port, method, target, body, headers, timeout)


def exchange(host, port, method, target, body=None, headers=(), timeout=30):
    """One request with exactly these header lines, after a Host line unless they have one (no Accept-Encoding
    added; Content-Length when there is a body): (status, [(name, value)], raw body, seconds taken)."""
    started = time.time()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        if not any(name.lower() == "host" for name, _ in headers):
            connection.putheader("Host", f"{host}:{port}")
        for name, value in headers:
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        raw = response.read()
        return response.status, response.getheaders(), raw, time.time() - started
    finally:
        connection.close()


def json_or_none(raw):
    try:
        return json.loads(raw)
    except ValueError:
        return None


def read_log(path):
    """The JSON lines of a request log (a line that is not JSON is None)."""
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        return [json_or_none(line) for line in f.read().split(b"\n") if line]


# MARK: - upstreams


class Upstream:
    """A threaded TCP server on a free loopback port; subclasses answer in `serve(connection)`."""

    def __init__(self, port=None):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port or 0))
        self.listener.listen(256)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.stopped = threading.Event()
        self.connections = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections.append(connection)
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection):
        try:
            self.serve(connection)
        except OSError:
            pass
        finally:
            try:
                connection.close()
            except OSError:
                pass

    def stop(self):
        self.stopped.set()
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            for connection in self.connections:
                try:
                    connection.close()
                except OSError:
                    pass


class Received:
    """One request as an upstream received it."""

    def __init__(self, method, target, headers, body):
        self.method, self.target, self.headers, self.body = method, target, headers, body

    def header(self, name):
        """Every value of header `name` (case-insensitive), as received bytes."""
        return [value for key, value in self.headers if key.lower() == name.lower().encode()]

    def digest(self):
        """sha256 over the method, the raw target and the body: what must be the same through the proxy."""
        h = hashlib.sha256()
        for part in (self.method, self.target, self.body):
            h.update(struct.pack(">Q", len(part)) + part)
        return h.hexdigest()


def read_request(connection, buffer=b""):
    """Reads one HTTP/1.1 request from a socket: (Received, the bytes after it) or (None, b"") at the end."""
    while b"\r\n\r\n" not in buffer:
        chunk = connection.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    method, target, _ = lines[0].split(b" ", 2)
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers.append((name, value.strip(b" \t")))
    fields = {name.lower(): value for name, value in headers}
    if b"chunked" in fields.get(b"transfer-encoding", b"").lower():
        body = b""
        while True:
            while b"\r\n" not in buffer:
                buffer += connection.recv(65536)
            size_line, buffer = buffer.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(buffer) < size + 2:
                chunk = connection.recv(65536)
                if not chunk:
                    raise OSError("connection closed inside a chunk")
                buffer += chunk
            body += buffer[:size]
            buffer = buffer[size + 2:]
            if size == 0:
                break
    else:
        length = int(fields.get(b"content-length", b"0"))
        while len(buffer) < length:
            chunk = connection.recv(65536)
            if not chunk:
                raise OSError("connection closed inside the body")
            buffer += chunk
        body, buffer = buffer[:length], buffer[length:]
    return Received(method, target, headers, body), buffer


class EchoUpstream(Upstream):
    """Records every request as received and answers 201 with headers and a non-UTF-8 body derived from it:
    `X-Echo-Digest` (the request's digest), `X-Echo-Custom` (a fixed odd value) and a body of 0xff 0xfe 0x00, the
    digest and the request body. The status is 200 for a request to /echo-200."""

    CUSTOM = b'odd "value"; with=signs, tabs\tand  two spaces'

    def __init__(self, port=None):
        self.received = []
        super().__init__(port)

    def serve(self, connection):
        buffer = b""
        while not self.stopped.is_set():
            request, buffer = read_request(connection, buffer)
            if request is None:
                return
            with self.lock:
                self.received.append(request)
            digest = request.digest().encode()
            body = b"\xff\xfe\x00" + digest + request.body
            status = b"200 OK" if request.target.startswith(b"/echo-200") else b"201 Created"
            connection.sendall(b"HTTP/1.1 " + status + b"\r\nContent-Type: application/octet-stream\r\n"
                               b"X-Echo-Digest: " + digest + b"\r\nX-Echo-Custom: " + self.CUSTOM + b"\r\n"
                               b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


class StallUpstream(Upstream):
    """Reads a request and never answers; the connection stays open until the client or `stop` closes it."""

    def serve(self, connection):
        read_request(connection)
        while not self.stopped.is_set():
            connection.settimeout(0.5)
            try:
                if connection.recv(65536) == b"":
                    return
            except socket.timeout:
                continue


class GarbageUpstream(Upstream):
    """Reads a request and answers bytes that are no HTTP, then closes."""

    def serve(self, connection):
        read_request(connection)
        connection.sendall(b"\x00\x17garbage, not HTTP at all\r\n\xff\xfe\r\n\r\n" + bytes(range(256)))


class ResetUpstream(Upstream):
    """Reads a request and resets the connection (RST, not FIN: SO_LINGER with a timeout of 0)."""

    def serve(self, connection):
        read_request(connection)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
