/*
 * user/tests/sigproc.c - test-sigproc: signals between processes and over
 * time: kill and the default actions, process groups, SIGCHLD, SIGPIPE,
 * alarm and setitimer, EINTR, SA_RESETHAND, the alternate stack, stop and
 * continue, and many signals in a row. (Handlers, faults and masks are in
 * signal.c.)
 */
#include "sigtest.h"

/* ---- kill and the default actions ------------------------------------------------- */

/* fork_pauser() starts a child that pauses until a signal ends it or its
 * handler runs (it then exits 42); returns once it sleeps in pause(). */
static int fork_pauser(void)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		alarm(10);	/* a safety net: the default action ends it */
		for (;;) {
			pause();
			if (hits)
				_exit(42);
		}
	}
	CHECK(wait_state(pid, 'S'));
	return pid;
}

UTEST(kill_runs_the_handler_of_a_child_in_pause, UTEST_HOST_SAFE)
{
	int pid;

	on(SIGUSR1, count_handler, 0);
	pid = fork_pauser();
	CHECK_OK(kill(pid, SIGUSR1));
	CHECK_EXITED(utest_wait(pid), 42);
}

UTEST(kill_with_the_default_action_ends_the_child, UTEST_HOST_SAFE)
{
	static const int sigs[] = { SIGTERM, SIGUSR1, SIGUSR2, SIGHUP, SIGKILL, SIGALRM };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int pid = fork_pauser();

		CHECK_OK(kill(pid, sigs[i]));
		CHECK_KILLED_BY(utest_wait(pid), sigs[i]);
	}
}

UTEST(kill_of_a_process_group_reaches_every_member, UTEST_HOST_SAFE)
{
	int leader, member, go[2];
	char c = 0;

	CHECK_OK(pipe(go));
	leader = fork();
	CHECK_OK(leader);
	if (leader == 0) {
		setpgid(0, 0);
		if (write(go[1], &c, 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
	CHECK_EQ(read(go[0], &c, 1), 1);
	member = fork();
	CHECK_OK(member);
	if (member == 0) {
		if (setpgid(0, leader) < 0)
			_exit(3);
		for (;;)
			pause();
	}
	CHECK(wait_state(member, 'S'));
	CHECK(wait_state(leader, 'S'));
	CHECK_OK(killpg(leader, SIGTERM));
	CHECK_KILLED_BY(utest_wait(leader), SIGTERM);
	CHECK_KILLED_BY(utest_wait(member), SIGTERM);
	CHECK_ERRNO(kill(leader, 0), ESRCH);
}

static volatile int chld_pid, chld_code;

static void chld_handler(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	if (sig == SIGCHLD && info->si_signo == SIGCHLD) {
		chld_pid = info->si_pid;
		chld_code = info->si_code;
	}
	hits++;
}

UTEST(sigchld_handler_runs_when_a_child_exits, UTEST_HOST_SAFE)
{
	sigset_t block, empty;
	int pid;

	on_info(SIGCHLD, chld_handler, 0);
	sigemptyset(&block);
	sigemptyset(&empty);
	sigaddset(&block, SIGCHLD);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, NULL));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0)
		_exit(3);
	while (!hits)
		CHECK_ERRNO(sigsuspend(&empty), EINTR);
	CHECK_EQ(chld_pid, pid);
	CHECK_EQ(chld_code, CLD_EXITED);
	CHECK_EXITED(utest_wait(pid), 3);
}

UTEST(ignored_sigchld_is_not_delivered, UTEST_HOST_SAFE)
{
	int pid;

	on(SIGCHLD, count_handler, 0);
	CHECK(signal(SIGCHLD, SIG_DFL) == count_handler);
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0)
		_exit(0);
	CHECK_EXITED(utest_wait(pid), 0);
	CHECK_EQ(hits, 0);
}

/* ---- SIGPIPE ------------------------------------------------------------------------- */

UTEST(sigpipe_kills_a_writer_to_a_pipe_without_reader, UTEST_HOST_SAFE)
{
	int fds[2], pid;

	CHECK_OK(pipe(fds));
	CHECK_OK(close(fds[0]));	/* no reader anywhere */
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		(void)write(fds[1], "x", 1);
		_exit(0);
	}
	close(fds[1]);
	CHECK_KILLED_BY(utest_wait(pid), SIGPIPE);
}

UTEST(ignored_sigpipe_gives_epipe, UTEST_HOST_SAFE)
{
	int fds[2];

	CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	CHECK_OK(pipe(fds));
	close(fds[0]);
	CHECK_ERRNO(write(fds[1], "x", 1), EPIPE);
	/* A handler runs, and the write still fails. */
	on(SIGPIPE, count_handler, 0);
	CHECK_ERRNO(write(fds[1], "x", 1), EPIPE);
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGPIPE);
}

/* ---- time ------------------------------------------------------------------------------ */

UTEST(alarm_wakes_pause_with_sigalrm, UTEST_HOST_SAFE)
{
	long t0;

	on(SIGALRM, count_handler, 0);
	CHECK_EQ(alarm(5), 0);
	CHECK(alarm(0) >= 4);
	t0 = now_ms();
	CHECK_EQ(alarm(1), 0);
	CHECK_ERRNO(pause(), EINTR);
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGALRM);
	CHECK(now_ms() - t0 >= 900);
	CHECK(now_ms() - t0 < 3000);
}

UTEST(setitimer_fires_once_and_getitimer_counts_down, UTEST_HOST_SAFE)
{
	struct itimerval it, left;

	on(SIGALRM, count_handler, 0);
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 100000;
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_OK(getitimer(ITIMER_REAL, &left));
	CHECK(left.it_value.tv_sec == 0 && left.it_value.tv_usec <= 100000);
	while (!hits)
		pause();
	CHECK_EQ(hits, 1);
	CHECK_OK(getitimer(ITIMER_REAL, &left));
	CHECK(left.it_value.tv_sec == 0 && left.it_value.tv_usec == 0);
}

UTEST(nanosleep_interrupted_returns_eintr_and_the_time_left, UTEST_HOST_SAFE)
{
	struct timespec req = { 5, 0 }, rem = { 0, 0 };
	int pid;
	long t0 = now_ms();

	on(SIGUSR1, count_handler, 0);
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		sleep_ms(100);
		_exit(kill(getppid(), SIGUSR1) == 0 ? 0 : 1);
	}
	CHECK_ERRNO(nanosleep(&req, &rem), EINTR);
	CHECK_EQ(hits, 1);
	CHECK(now_ms() - t0 < 4000);
	CHECK(rem.tv_sec >= 1 && rem.tv_sec <= 5);
	CHECK_EXITED(utest_wait(pid), 0);
}

/* ---- SA_RESETHAND ------------------------------------------------------------------- */

UTEST(sa_resethand_runs_the_handler_once, UTEST_HOST_SAFE)
{
	struct sigaction old;
	int pid;

	on(SIGUSR1, count_handler, SA_RESETHAND);
	CHECK_OK(raise(SIGUSR1));
	CHECK_EQ(hits, 1);
	CHECK_OK(sigaction(SIGUSR1, NULL, &old));
	CHECK(old.sa_handler == SIG_DFL);
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		raise(SIGUSR1);
		_exit(0);
	}
	CHECK_KILLED_BY(utest_wait(pid), SIGUSR1);
}

/* ---- the alternate stack ------------------------------------------------------------- */

static char *alt_base;
#define ALT_SIZE (64 * 1024)

static int on_alt_stack(void)
{
	char here;
	stack_t now;

	if (sigaltstack(NULL, &now) < 0)
		return 0;
	return &here > alt_base && &here < alt_base + ALT_SIZE && (now.ss_flags & SS_ONSTACK);
}

static volatile int ran_on_alt;

static void alt_handler(int sig)
{
	(void)sig;
	ran_on_alt = on_alt_stack();
	hits++;
}

static void set_alt_stack(void)
{
	stack_t ss;

	alt_base = malloc(ALT_SIZE);
	CHECK(alt_base != NULL);
	ss.ss_sp = alt_base;
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0;
	CHECK_OK(sigaltstack(&ss, NULL));
}

UTEST(sa_onstack_handler_runs_on_the_alternate_stack, UTEST_HOST_SAFE)
{
	stack_t old;

	set_alt_stack();
	CHECK_OK(sigaltstack(NULL, &old));
	CHECK(old.ss_sp == alt_base && old.ss_size == ALT_SIZE && old.ss_flags == 0);
	on(SIGUSR1, alt_handler, SA_ONSTACK);
	CHECK_OK(raise(SIGUSR1));
	CHECK_EQ(hits, 1);
	CHECK_EQ(ran_on_alt, 1);
	CHECK(!on_alt_stack());
	/* Without SA_ONSTACK, the handler runs on the normal stack. */
	on(SIGUSR1, alt_handler, 0);
	CHECK_OK(raise(SIGUSR1));
	CHECK_EQ(ran_on_alt, 0);
}

static void overflow_handler(int sig)
{
	_exit(sig == SIGSEGV && on_alt_stack() ? 0 : 1);
}

static volatile int never = -1;

/* recurse() eats 512 bytes of stack a call, forever (not a tail call). */
static int recurse(volatile char *prev, int depth)
{
	volatile char frame[512];

	if (depth == never)
		return 0;
	frame[0] = prev ? prev[0] + 1 : 0;
	frame[1] = 1;
	return recurse(frame, depth + 1) + frame[1];
}

UTEST(stack_overflow_is_caught_on_the_alternate_stack, UTEST_HOST_SAFE)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		set_alt_stack();
		on(SIGSEGV, overflow_handler, SA_ONSTACK);
		_exit(recurse(NULL, 0) ? 2 : 3);
	}
	CHECK_EXITED(utest_wait(pid), 0);
}

/* ---- stop and continue ----------------------------------------------------------------- */

/* Linux also reports the stop to waitpid(WUNTRACED); Atlas's wait4 does not
 * yet (it waits on), so that is not checked here. */

UTEST(sigstop_stops_a_child_and_sigcont_lets_it_go_on, UTEST_HOST_SAFE)
{
	int fds[2], pid;
	char buf[64];

	CHECK_OK(pipe(fds));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		close(fds[0]);
		for (;;) {		/* a tick every 10 ms, until the pipe breaks */
			if (write(fds[1], ".", 1) != 1)
				_exit(1);
			sleep_ms(10);
		}
	}
	close(fds[1]);
	CHECK_EQ(read(fds[0], buf, 1), 1);
	CHECK_OK(kill(pid, SIGSTOP));
	CHECK(wait_state(pid, 'T'));
	CHECK_OK(fcntl(fds[0], F_SETFL, O_NONBLOCK));
	while (read(fds[0], buf, sizeof(buf)) > 0)
		;
	sleep_ms(100);
	CHECK_ERRNO(read(fds[0], buf, sizeof(buf)), EAGAIN);	/* stopped: no ticks */
	CHECK_EQ(proc_state(pid), 'T');
	CHECK_OK(kill(pid, SIGCONT));
	CHECK_OK(fcntl(fds[0], F_SETFL, 0));
	CHECK_EQ(read(fds[0], buf, 1), 1);			/* it goes on */
	CHECK(proc_state(pid) != 'T');
	CHECK_OK(kill(pid, SIGTERM));
	CHECK_KILLED_BY(utest_wait(pid), SIGTERM);
	close(fds[0]);
}

/* ---- many signals ------------------------------------------------------------------------ */

UTEST(a_thousand_raises_run_a_thousand_handlers, UTEST_HOST_SAFE)
{
	on(SIGUSR2, count_handler, 0);
	for (int i = 0; i < 1000; i++)
		CHECK_OK(raise(SIGUSR2));
	CHECK_EQ(hits, 1000);
	CHECK_EQ(last_sig, SIGUSR2);
}

int main(int argc, char **argv)
{
	return utest_main("sigproc", argc, argv);
}
