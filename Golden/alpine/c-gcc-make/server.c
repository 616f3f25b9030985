#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

int main(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(8080);
    addr.sin_addr.s_addr = INADDR_ANY;
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 16) < 0) {
        perror("listen");
        return 1;
    }
    for (;;) {
        int c = accept(fd, NULL, NULL);
        const char *reply = "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n";
        write(c, reply, strlen(reply));
        close(c);
    }
}
