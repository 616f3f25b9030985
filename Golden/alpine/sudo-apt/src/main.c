#include <stdio.h>

int main(void) {
    char name[64];
    printf("Your name: ");
    if (fgets(name, sizeof name, stdin) != NULL) {
        printf("Hello, %s", name);
    }
    return 0;
}
