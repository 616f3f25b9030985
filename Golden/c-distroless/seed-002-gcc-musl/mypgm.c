#include <stdio.h>

int main(void) {
    printf("Hello from a static C program\n");
    return 0;
}
