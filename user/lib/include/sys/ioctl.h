/*
 * user/lib/include/sys/ioctl.h - ioctl() and the terminal requests (newlib
 * has no <sys/ioctl.h>).
 *
 * Request numbers are Linux's (<asm-generic/ioctls.h>, used by x86_64 and
 * riscv64) and pass through the glue unchanged; so does struct winsize.
 * Device-specific requests (the framebuffer's, for one) live in their
 * own headers.
 */
#ifndef _SYS_IOCTL_H_
#define _SYS_IOCTL_H_

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

int ioctl(int fd, unsigned long request, ...);

#endif
