"""Drive a program through a pseudo-terminal: wait for its prompt before
each line, as a person would, and print everything it showed.

    python3 drive.py PROMPT PROGRAM ARG... < lines

Each line of standard input is typed after the prompt appears; then
Ctrl-D. Every wait is bounded (5 s), so a hung program fails the test
instead of hanging it.
"""
import os, pty, select, sys, time

prompt = sys.argv[1].encode()
argv = sys.argv[2:]
lines = sys.stdin.read().splitlines()

pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

seen = b""


def wait_for(pattern, start):
    """Read until `pattern` appears after offset `start`; return its end."""
    global seen
    deadline = time.time() + 5
    while pattern not in seen[start:]:
        left = deadline - time.time()
        if left <= 0:
            sys.stdout.write(seen.decode(errors="replace"))
            sys.exit("timed out waiting for %r" % pattern)
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                break
            seen += chunk
    return seen.find(pattern, start) + len(pattern)


def settle():
    """Give the program a moment to put the terminal in raw mode after its
    prompt: input typed before that may be discarded, as a fast typist's is."""
    time.sleep(0.1)


at = wait_for(prompt, 0)
for line in lines:
    settle()
    os.write(fd, line.encode() + b"\r")
    at = wait_for(prompt, at)
settle()
os.write(fd, b"\x04")
deadline = time.time() + 5
status = None
while time.time() < deadline and status is None:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            chunk = b""
        seen += chunk
    done, code = os.waitpid(pid, os.WNOHANG)
    if done:
        status = code
sys.stdout.write(seen.decode(errors="replace"))
if status is None:
    os.kill(pid, 9)
    sys.exit("the program did not end after Ctrl-D")
sys.exit(os.waitstatus_to_exitcode(status))
