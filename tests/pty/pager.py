"""Run a program in a pseudo-terminal of a given size and print all it
showed, so a test can see whether its output went through a pager.

    python3 pager.py ROWS COLS PROGRAM ARG...

Every wait is bounded (10 s).
"""
import fcntl, os, pty, select, struct, sys, termios, time

rows, cols = int(sys.argv[1]), int(sys.argv[2])
argv = sys.argv[3:]

pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.execvp(argv[0], argv)

seen = b""
deadline = time.time() + 10
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    else:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
sys.stdout.write(seen.decode(errors="replace"))
