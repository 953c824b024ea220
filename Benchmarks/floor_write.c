/* The "write" part of the benchmark's floor: FILES fresh files holding BYTES bytes in all, each
 * as index.html in a folder of its own (as a static site is laid out), with plain
 * mkdir/open/write/close and no fsync, one thread. Prints the seconds it took.
 *
 *   floor_write DIR FILES BYTES
 *
 * DIR must not exist (it is created). Build: cc -O2 -o floor_write floor_write.c */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s DIR FILES BYTES\n", argv[0]); return 2; }
    const char *dir = argv[1];
    long files = atol(argv[2]);
    long long bytes = atoll(argv[3]);
    if (files <= 0 || bytes < 0) { fprintf(stderr, "FILES must be > 0, BYTES >= 0\n"); return 2; }
    long long base = bytes / files, extra = bytes % files, largest = base + (extra ? 1 : 0);
    char *buffer = malloc(largest + 1);
    if (!buffer) { perror("malloc"); return 1; }
    /* Text-like bytes, so nothing below us can shortcut zeros. */
    unsigned long long x = 88172645463325252ULL;
    for (long long i = 0; i < largest; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        buffer[i] = (i % 64 == 63) ? '\n' : (char)('a' + x % 26);
    }
    char path[4096];
    double start = now();
    if (mkdir(dir, 0755) != 0) { fprintf(stderr, "mkdir %s: %s\n", dir, strerror(errno)); return 1; }
    long group = -1;
    for (long i = 0; i < files; i++) {
        if (i / 1000 != group) {
            group = i / 1000;
            snprintf(path, sizeof path, "%s/%ld", dir, group);
            if (mkdir(path, 0755) != 0) { fprintf(stderr, "mkdir %s: %s\n", path, strerror(errno)); return 1; }
        }
        snprintf(path, sizeof path, "%s/%ld/%ld", dir, group, i);
        if (mkdir(path, 0755) != 0) { fprintf(stderr, "mkdir %s: %s\n", path, strerror(errno)); return 1; }
        snprintf(path, sizeof path, "%s/%ld/%ld/index.html", dir, group, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { fprintf(stderr, "open %s: %s\n", path, strerror(errno)); return 1; }
        long long size = base + (i < extra ? 1 : 0), done = 0;
        while (done < size) {
            ssize_t n = write(fd, buffer + done, size - done);
            if (n < 0) { if (errno == EINTR) continue; fprintf(stderr, "write %s: %s\n", path, strerror(errno)); return 1; }
            done += n;
        }
        if (close(fd) != 0) { fprintf(stderr, "close %s: %s\n", path, strerror(errno)); return 1; }
    }
    printf("%.3f\n", now() - start);
    return 0;
}
