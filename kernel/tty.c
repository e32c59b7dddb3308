/*
 * kernel/tty.c - /dev/console as a terminal: a line discipline over the
 * serial port.
 *
 * Reading is line by line ("canonical mode"), as a shell expects: typed
 * characters are echoed, backspace erases the last one (on screen too),
 * ^U erases the line, ^D on an empty line is end of file, and Enter ends
 * the line. Only then does read() return it. Writes go straight to the
 * console (with LF -> CR LF).
 *
 * Input is taken in on every timer tick (tty_tick()), so ^C reaches the
 * foreground process group as SIGINT even while it computes.
 */
#include "kernel/kernel.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "drivers/uart16550.h"
#include "fs/chrdev.h"
#include "fs/devfs.h"

#define TTY_LINE_MAX 256

#define CTRL_C	0x03
#define CTRL_D	0x04
#define CTRL_U	0x15
#define BS	0x08
#define DEL	0x7f

/* ioctl requests (Linux's numbers) */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413

static struct {
	char line[TTY_LINE_MAX];
	size_t len;		/* bytes typed in the line being edited */
	size_t ready;		/* bytes of a finished line not yet read */
	size_t off;		/* read position in a finished line */
	bool eof;		/* ^D on an empty line */
	int fg_pgrp;		/* the foreground process group, 0 until set */
} tty;

static void echo(const char *s, size_t n)
{
	console_write(s, n);
}

/* Takes one typed character into the line being edited. */
static void tty_input(char c)
{
	if (c == '\r')
		c = '\n';
	if (c == BS || c == DEL) {
		if (tty.len) {
			tty.len--;
			echo("\b \b", 3);
		}
	} else if (c == CTRL_U) {
		for (; tty.len; tty.len--)
			echo("\b \b", 3);
	} else if (c == CTRL_D) {
		if (tty.len == 0)
			tty.eof = true;
		else
			tty.ready = tty.len;	/* ^D mid-line: hand over what is there */
	} else if (c == '\n' || tty.len < TTY_LINE_MAX - 1) {
		tty.line[tty.len++] = c;
		echo(&c, 1);
		if (c == '\n')
			tty.ready = tty.len;
	}
}

static long tty_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	size_t chunk;

	(void)f, (void)pos;
	/* The timer tick takes typed characters in (tty_tick()). */
	while (!tty.ready && !tty.eof)
		if (sleep_ticks(1))
			return -EINTR;
	if (!tty.ready) {
		tty.eof = false;
		return 0;
	}
	chunk = MIN(n, tty.ready - tty.off);
	memcpy(buf, tty.line + tty.off, chunk);
	tty.off += chunk;
	if (tty.off == tty.ready) {
		/* The line is consumed: keep anything typed after it. */
		unsigned long flags = arch_irq_save();

		memmove(tty.line, tty.line + tty.ready, tty.len - tty.ready);
		tty.len -= tty.ready;
		tty.ready = tty.off = 0;
		arch_irq_restore(flags);
	}
	return (long)chunk;
}

/* Readable once a line (or ^D) is ready; always writable. */
static unsigned tty_poll(struct file *f)
{
	(void)f;
	return POLLOUT | POLLWRNORM | (tty.ready || tty.eof ? POLLIN | POLLRDNORM : 0);
}

/*
 * tty_tick() runs on every timer tick: it takes what was typed into the
 * line being edited, so input is seen even while no one reads, and turns
 * ^C into SIGINT for the foreground process group (kernel/signal.c).
 */
void tty_receive(char c)
{
	if (c == CTRL_C) {
		echo("^C\n", 3);
		tty.len = tty.ready;	/* the line being typed is dropped */
		if (tty.fg_pgrp > 0) {
			struct task *t = NULL;

			while ((t = task_next(t)) != NULL)
				if (t->pgid == tty.fg_pgrp)
					signal_send(t, SIGINT, SI_KERNEL, 0);
		}
		return;
	}
	if (tty.len < TTY_LINE_MAX - 1 || c == '\r' || c == '\n')
		tty_input(c);
}

int tty_set_foreground(int pgrp)
{
	int old = tty.fg_pgrp;

	tty.fg_pgrp = pgrp;
	return old;
}

void tty_tick(void)
{
	int c;

	while ((c = uart_getc()) >= 0)
		tty_receive((char)c);
}

static long tty_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)pos;
	console_write(buf, n);
	return (long)n;
}

/* Linux's struct termios (asm-generic): 4 flag words, c_line, 19 c_cc. */
struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};

/*
 * The console is the controlling terminal of every session (Atlas has
 * one terminal and no setsid-and-open dance). Its foreground process
 * group starts as group 0, the one the first process is in, and
 * TIOCSPGRP changes it with Linux's checks: -EINVAL for a negative group,
 * -ESRCH for an empty one, -EPERM for one of another session.
 */
static long tty_set_fg(const int *upgrp)
{
	struct task *member;
	int pgrp;

	if (copy_from_user(&pgrp, upgrp, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	member = task_pgrp_member(pgrp);
	if (!member)
		return -ESRCH;
	if (member->sid != current->sid)
		return -EPERM;
	tty.fg_pgrp = pgrp;
	return 0;
}

static long tty_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct linux_termios t = {
		.c_iflag = 0x0500,	/* ICRNL | IXON */
		.c_oflag = 0x0005,	/* OPOST | ONLCR */
		.c_cflag = 0x00bf,	/* B38400 | CS8 | CREAD */
		.c_lflag = 0x8a3b,	/* ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN */
		.c_cc = { 3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16 },
	};
	uint16_t winsize[4] = { 24, 80, 0, 0 };
	(void)f;
	switch (cmd) {
	case TCGETS:
		return copy_to_user((void *)arg, &t, sizeof(t));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return 0;		/* the discipline is fixed: accepted, not changed */
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, winsize, sizeof(winsize));
	case TIOCGPGRP:
		return copy_to_user((void *)arg, &tty.fg_pgrp, sizeof(tty.fg_pgrp));
	case TIOCSPGRP:
		return tty_set_fg((const int *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
	.no_seek = true,
};

void console_dev_init(void)
{
	if (devfs_register("console", 0600, MKDEV(5, 1), &tty_fops) ||
	    devfs_register("tty", 0666, MKDEV(5, 0), &tty_fops))
		panic("cannot register /dev/console");
}
