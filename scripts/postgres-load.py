#!/usr/bin/env python3
"""Load and fault tests of Karta on one PostgreSQL server (issue 17), run by `make test`.

Usage: scripts/postgres-load.py KARTA PGDIR

PGDIR is a server started by `scripts/postgres.sh start PGDIR`; this script makes a database
of its own there, and restarts the server once (phase 2). Three phases, each failing the
script (exit 1) with what went wrong:

1. Load: 8 `karta mark` processes and 2 `karta serve` instances record 400 changes to one
   activity at once (320 from the CLI, 80 through the web form). Every change adds one item
   of evidence; afterwards the activity has exactly those 400 items at positions 1..400, and
   the history has one entry for each: no update lost, none doubled.
2. Restart: the same load, and `pg_ctl restart` (fast) in the middle of it. A change that
   failed must say so clearly (the CLI: «… is not answering», exit 1; the web: a 503 page in
   Russian) and every change reported as recorded must be stored; then both `karta serve`
   instances, never restarted, and the CLI record again.
3. kill -9: a `karta import` of 200 generated roadmaps (one transaction) and a loop of marks,
   each killed with SIGKILL mid-way, leave the database consistent: the import is there
   whole or not at all, `karta db check` says ok, and every activity's evidence positions
   have no gaps.

Figures (changes per second, failures seen during the restart) are printed at the end.
"""
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

KARTA, PGDIR = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROADMAP, KEY = "pskov-2021", "12.5"
PASSWORD = "нагрузка-" + uuid.uuid4().hex


def fail(message):
    print(f"postgres-load: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def run(args, **kwargs):
    return subprocess.run([KARTA] + args, cwd=ROOT, capture_output=True, text=True, **kwargs)


def server_url():
    out = subprocess.run([os.path.join(ROOT, "scripts/postgres.sh"), "url", PGDIR], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def psql(url, sql):
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                         capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"psql {sql}: {out.stderr}")
    return out.stdout.strip()


def fresh_database(name):
    base = server_url()
    psql(base, f"DROP DATABASE IF EXISTS {name}")
    psql(base, f"CREATE DATABASE {name}")
    return base.rsplit("/", 1)[0] + "/" + name


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Web:
    """One signed-in browser session against one `karta serve`."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path, body, content_type):
        request = urllib.request.Request(self.base + path, data=body, method="POST", headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    @staticmethod
    def csrf(page):
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        if not found:
            fail("no csrf token on the page")
        return found.group(1)

    def sign_in(self, login):
        _, page = self.get("/login")
        body = urllib.parse.urlencode({"csrf": self.csrf(page), "login": login, "password": PASSWORD}).encode()
        status, _ = self.post("/login", body, "application/x-www-form-urlencoded")
        if status != 303:
            fail(f"signing in to {self.base} gave {status}")

    def add_evidence(self, label):
        """The activity page's «начать» form with one item of evidence; the HTTP status."""
        try:
            status, page = self.get(f"/roadmaps/{ROADMAP}/activities/{KEY}")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        if status != 200:
            return status, page
        boundary = "karta" + uuid.uuid4().hex
        fields = {"csrf": self.csrf(page), "transition": "in_progress", "evidence": label}
        body = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items())
        body += f"--{boundary}--\r\n"
        return self.post(f"/roadmaps/{ROADMAP}/activities/{KEY}", body.encode(), f"multipart/form-data; boundary={boundary}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_303(self, req, fp, code, msg, headers):
        return fp


def start_servers(url, count):
    servers = []
    for _ in range(count):
        port = free_port()
        log = open(os.path.join(PGDIR, f"serve-{port}.log"), "w")
        process = subprocess.Popen([KARTA, "serve", "--db", url, "--port", str(port)], cwd=ROOT, stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except Exception:
                time.sleep(0.05)
        else:
            fail(f"karta serve on {base} did not start (see {log.name})")
        servers.append((process, base))
    return servers


class Tally:
    """What each writer was told: recorded, refused with a clear error, or something else."""

    def __init__(self):
        self.lock = threading.Lock()
        self.recorded, self.failed, self.unclear = [], [], []

    def add(self, kind, label, detail=""):
        with self.lock:
            {"recorded": self.recorded, "failed": self.failed, "unclear": self.unclear}[kind].append((label, detail))


def cli_writer(url, worker, count, tally, prefix):
    for n in range(count):
        label = f"{prefix}-cli{worker}-{n}"
        result = run(["mark", ROADMAP, KEY, "in_progress", "--as", "МК", "--evidence", label, "--db", url])
        if result.returncode == 0:
            tally.add("recorded", label)
        elif result.returncode == 1 and "is not answering" in result.stderr:
            tally.add("failed", label, result.stderr)
        else:
            tally.add("unclear", label, f"exit {result.returncode}: {result.stderr.strip()}")


def web_writer(base, worker, count, tally, prefix):
    web = Web(base)
    for _ in range(100):
        try:
            web.sign_in("mkload")
            break
        except Exception:
            time.sleep(0.1)
    for n in range(count):
        label = f"{prefix}-web{worker}-{n}"
        try:
            status, page = web.add_evidence(label)
        except Exception as error:  # the connection itself: never expected, the server stays up
            tally.add("unclear", label, f"{type(error).__name__}: {error}")
            continue
        if status == 303:
            tally.add("recorded", label)
        elif status == 503 and "База данных сейчас не отвечает" in page:
            tally.add("failed", label, "503")
        else:
            tally.add("unclear", label, f"HTTP {status}: {re.sub('<[^>]+>', ' ', page)[:300]}")


def load(url, servers, cli_each, web_each, prefix, during=None):
    tally = Tally()
    threads = [threading.Thread(target=cli_writer, args=(url, w, cli_each, tally, prefix)) for w in range(8)]
    threads += [threading.Thread(target=web_writer, args=(base, w, web_each, tally, prefix)) for w, (_, base) in enumerate(servers)]
    started = time.time()
    for thread in threads:
        thread.start()
    if during:
        during()
    for thread in threads:
        thread.join()
    return tally, time.time() - started


def stored_labels(url, prefix):
    rows = psql(url, f"SELECT title FROM evidence WHERE roadmap_id = '{ROADMAP}' AND activity_key = '{KEY}' AND title LIKE '{prefix}-%'")
    return [line for line in rows.split("\n") if line]


def check_positions(url):
    gaps = psql(url, """
        SELECT COUNT(*) FROM (SELECT roadmap_id, activity_key, COUNT(*) AS n, MAX(position) AS top
                              FROM evidence GROUP BY roadmap_id, activity_key) AS e WHERE n <> top""")
    if gaps != "0":
        fail(f"{gaps} activities have gaps in their evidence positions")


def main():
    url = fresh_database(f"load_{os.getpid()}")
    for args in (["import", f"regions/pskov/roadmap-2021.yaml", "--db", url],):
        result = run(args)
        if result.returncode != 0:
            fail(f"{' '.join(args)}: {result.stderr}")
    user = subprocess.run([KARTA, "user", "add", "mkload", "--name", "Нагрузка Н.Н.", "--role", "МК", "--plugin", "pskov",
                           "--db", url], cwd=ROOT, input=PASSWORD + "\n", capture_output=True, text=True)
    if user.returncode != 0:
        fail(f"user add: {user.stderr}")
    servers = start_servers(url, 2)
    try:
        # 1. Load.
        tally, seconds = load(url, servers, 40, 40, "load")
        if tally.failed or tally.unclear:
            fail(f"changes failed without a restart: {(tally.failed + tally.unclear)[:3]}")
        labels = stored_labels(url, "load")
        if len(tally.recorded) != 400 or sorted(labels) != sorted(label for label, _ in tally.recorded):
            fail(f"{len(tally.recorded)} changes recorded, {len(labels)} stored, {len(set(labels))} distinct")
        history = psql(url, f"SELECT COUNT(*) FROM history WHERE roadmap_id = '{ROADMAP}' AND activity_key = '{KEY}' AND field = 'evidence'")
        if history != "400":
            fail(f"history has {history} evidence entries for 400 changes")
        check_positions(url)
        print(f"postgres-load: load: 400 changes (8 CLI processes, 2 karta serve) in {seconds:.1f} s, "
              f"{400 / seconds:.0f} changes/s; 400 stored at positions 1..400, 400 history entries")

        # 2. Restart under load.
        def restart():
            time.sleep(1.0)
            subprocess.run([os.path.join(ROOT, "scripts/postgres.sh"), "restart", PGDIR], check=True, capture_output=True)
        tally, seconds = load(url, servers, 15, 15, "restart", during=restart)
        if tally.unclear:
            fail(f"{len(tally.unclear)} changes failed without a clear message, e.g. {tally.unclear[:2]}")
        stored = set(stored_labels(url, "restart"))
        lost = [label for label, _ in tally.recorded if label not in stored]
        if lost:
            fail(f"{len(lost)} changes reported as recorded are not stored: {lost[:5]}")
        ghosts = [label for label, detail in tally.failed if label in stored and "while committing" not in detail and detail != "503"]
        if ghosts:
            fail(f"{len(ghosts)} changes reported as not stored are stored: {ghosts[:5]}")
        check_positions(url)
        # Both servers, never restarted, and the CLI record again.
        for process, base in servers:
            if process.poll() is not None:
                fail(f"karta serve on {base} ended during the restart")
            web = Web(base)
            web.sign_in("mkload")
            status, page = web.add_evidence(f"after-{base[-5:]}")
            if status != 303:
                fail(f"karta serve on {base} did not recover: HTTP {status}")
        after = run(["mark", ROADMAP, KEY, "in_progress", "--as", "МК", "--evidence", "after-cli", "--db", url])
        if after.returncode != 0:
            fail(f"the CLI did not recover: {after.stderr}")
        print(f"postgres-load: restart: in {seconds:.1f} s, {len(tally.recorded)} changes recorded and stored, {len(tally.failed)} refused "
              f"with a clear error while the server restarted, 0 lost; both karta serve instances and the CLI recorded again")
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait()

    # 3. kill -9 of writing processes.
    phase = time.time()
    data = os.path.join(PGDIR, "kill-data")
    generated = run(["generate", "--municipalities", "200", "--activities", "60", "--output", data, "--seed", "17"])
    if generated.returncode != 0:
        fail(f"generate: {generated.stderr}")
    before = psql(url, "SELECT COUNT(*) FROM roadmap")
    importer = subprocess.Popen([KARTA, "import", data, "--db", url], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    markers = [subprocess.Popen([KARTA, "mark", ROADMAP, KEY, "in_progress", "--as", "МК", "--evidence", f"kill-{n}", "--db", url],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for n in range(4)]
    # Kill while the import's transaction is writing: once the server shows its INSERTs.
    deadline, writing = time.time() + 60, False
    while time.time() < deadline and importer.poll() is None and not writing:
        writing = psql(url, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO%'") != "0"
        time.sleep(0.02)
    if not writing:
        fail("the import finished or never began writing before it could be killed")
    for process in [importer] + markers:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
    time.sleep(0.5)
    count = int(psql(url, "SELECT COUNT(*) FROM roadmap"))
    if count not in (int(before), int(before) + 200):
        fail(f"after kill -9 of an import of 200 roadmaps, {count - int(before)} of them are stored")
    check = run(["db", "check", "--db", url])
    if check.returncode != 0 or "consistency: ok" not in check.stdout:
        fail(f"db check after kill -9: {check.stdout[-300:]} {check.stderr}")
    check_positions(url)
    print(f"postgres-load: kill -9 (in {time.time() - phase:.1f} s, killed while it wrote): the import was {'whole' if count > int(before) else 'absent'} "
          f"({count - int(before)} of 200 roadmaps), db check ok, evidence positions without gaps")


if __name__ == "__main__":
    main()
