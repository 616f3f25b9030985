#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

int main(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(7000);
    bind(fd, (struct sockaddr *)&addr, sizeof addr);
    listen(fd, 16);
    for (;;) {
        int c = accept(fd, NULL, NULL);
        write(c, "pong\n", 5);
        close(c);
    }
}
