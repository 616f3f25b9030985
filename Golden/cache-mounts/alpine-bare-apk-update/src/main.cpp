#include <iostream>

int main() {
    std::cout << "hello from cmake" << std::endl;
    return 0;
}
