# tests/busybox/applets.sh - applets of Debian's busybox-static, run by
# busybox's own sh, with output that must be the same on Atlas and on Linux.
#
#   busybox sh applets.sh DIR
#
# works in DIR (made if missing, emptied first) and prints one section per
# applet, each opened by a "== name" line; tools/test.py runs it on Atlas
# and on the host (natively, or under qemu-riscv64) with the same binary
# and compares the outputs section by section. Nothing printed may depend
# on the time, pids, memory sizes or the directory's place: ps and free
# show only their header line, and status lines say "status N".
# Every applet is called by name: busybox's sh runs its own applets first.

dir=${1:?usage: busybox sh applets.sh DIR}
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" || exit 1

# On Atlas the output is the console, a terminal; on the host a pipe.
# Applets that format for a terminal (ls in columns) are asked for the
# same form on both (ls -1).
st() { echo "status $?"; }

echo "== sh"
x=3; y=$((x * 7 + 1)); echo "arith $y"
for w in one two three; do printf '%s.' "$w"; done; echo
case "busybox" in bus*) echo "case ok" ;; *) echo "case bad" ;; esac
f() { local a=$1; echo "func $a $#"; return 4; }; f arg more; st
s="a:b:c"; IFS=:; set -- $s; IFS=' '; echo "fields $# $2"
echo "subshell $(echo inner | tr a-z A-Z)"
(exit 3); st
false || echo "or ok"; true && echo "and ok"
v=${undefined:-default}; echo "default $v ${#s} ${s#a:} ${s%:c}"
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo "while $i"
echo heredoc | { read line; echo "read $line"; }

echo "== mkdir"
mkdir a a/b; st
mkdir -p deep/er/est; st
mkdir a 2>/dev/null; st
[ -d deep/er/est ] && echo "deep exists"

echo "== echo_redirect"
echo "hello world" > a/hello.txt
printf 'line %d\n' 1 2 3 4 5 6 7 8 9 10 11 12 > a/lines.txt
echo "appended" >> a/hello.txt
echo "bytes $(wc -c < a/hello.txt)"

echo "== cat"
cat a/hello.txt
cat a/hello.txt a/hello.txt | cat -n
cat missing.txt 2>/dev/null; st

echo "== cp"
cp a/hello.txt a/copy.txt; st
cp -r a c; st
cat c/copy.txt
cp a/missing c/ 2>/dev/null; st

echo "== mv"
mv a/copy.txt a/moved.txt; st
[ -e a/copy.txt ] || echo "old name gone"
cat a/moved.txt
mv c renamed_dir; st

echo "== ls"
ls -1
ls -1 a
ls -a a | sort
ls -ld a | cut -c1-10
ls -l a/hello.txt | awk '{print $1, $5, $NF}'
ls nothing 2>/dev/null; st

echo "== rm"
rm a/moved.txt; st
rm -r renamed_dir; st
rm missing 2>/dev/null; st
rm -f missing; st
ls -1

echo "== find"
mkdir -p tree/x/y && touch tree/f1 tree/x/f2 tree/x/y/f3
find tree | sort
find tree -type f -name 'f*' | sort
find tree -type d | sort

echo "== grep"
grep 'line 1' a/lines.txt
grep -c line a/lines.txt
grep -v 'line [0-9]$' a/lines.txt
grep -n -E '^line (3|7)$' a/lines.txt
grep -r hello a | sort
grep nothing a/lines.txt; st

echo "== sed"
sed -n '2,4p' a/lines.txt
sed 's/line/row/; s/[0-9]*$/<&>/' a/lines.txt | head -3
echo "a.b.c" | sed 's/\./-/g'
sed -i 's/hello/HELLO/' a/hello.txt; cat a/hello.txt

echo "== awk"
awk '{ s += $2 } END { print "sum", s, NR }' a/lines.txt
awk -F: '{ print $2 }' <<EOT
k:v1
k:v2
EOT
awk 'BEGIN { printf "%05.1f %s %d\n", 3.14159, toupper("x"), length("four") }'
echo "3 1 2" | awk '{ n = split($0, a, " "); for (i = n; i > 0; i--) printf "%s ", a[i]; print "" }'

echo "== sort"
printf 'pear\napple\nfig\napple\n' > fruit
sort fruit
sort -u fruit
sort -r fruit
printf '10\n9\n100\n' | sort -n
printf 'b 2\na 3\nc 1\n' | sort -k2 -n

echo "== wc"
wc -l a/lines.txt
wc a/hello.txt
wc -w < fruit
printf 'no newline' | wc -c

echo "== head"
head -n 3 a/lines.txt
head -c 8 a/hello.txt; echo
head -n 2 fruit a/lines.txt

echo "== tail"
tail -n 2 a/lines.txt
tail -c 9 a/hello.txt
tail -n +11 a/lines.txt

echo "== dd"
dd if=a/lines.txt of=dd.out bs=16 count=2 2>/dev/null; st
cat dd.out; echo
dd if=/dev/zero of=zero.bin bs=512 count=4 2>/dev/null; st
wc -c < zero.bin
dd if=a/lines.txt bs=1 skip=5 count=3 2>/dev/null; echo

echo "== od"
printf 'ABC\001\377' | od -An -tx1
printf 'hello' | od -c
od -An -tx2 -N4 dd.out

echo "== md5sum"
md5sum a/lines.txt fruit zero.bin
echo -n "" | md5sum
md5sum a/lines.txt > sums; md5sum -c sums

echo "== ps"
ps > ps.out; st
head -n 1 ps.out

echo "== free"
free > free.out; st
head -n 1 free.out

echo "== more_applets"
basename /x/y/z.txt .txt
dirname /x/y/z.txt
echo "a b c" | tr ' ' '\n' | tac
seq 3 | xargs echo seq
expr 6 \* 7
printf 'x\ny\n' | uniq -c
echo "c,b,a" | cut -d, -f2
ln -s fruit fruit.link; readlink fruit.link; cat fruit.link | head -n 1
test -L fruit.link && echo "is a link"
chmod 600 fruit; ls -l fruit | cut -c1-10
touch -d '2001-02-03 04:05:06' fruit; ls -l --full-time fruit 2>/dev/null | awk '{print $6, $7}'
stat -c '%s %F' fruit
truncate -s 5 fruit; cat fruit; echo
rmdir deep/er/est deep/er deep; st
yes 2>/dev/null | head -n 2
pwd | sed 's|.*/||'

echo "== sh_pipes_and_files"
exec 3> fd3.txt; echo "to fd 3" >&3; exec 3>&-; cat fd3.txt
ls /proc/self/ > /dev/null; st
(cd a && pwd | sed 's|.*/||')
echo done | tee tee.out > /dev/null; cat tee.out
sh -c 'exit 5'; st
sh -c 'echo "child $0 $1"' zero one
