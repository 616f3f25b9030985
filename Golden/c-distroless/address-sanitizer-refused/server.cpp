#include <cstring>
#include <iostream>
#include <string>

int main() {
    std::string line;
    while (std::getline(std::cin, line)) {
        char buffer[64];
        std::strncpy(buffer, line.c_str(), sizeof buffer - 1);
        buffer[sizeof buffer - 1] = '\0';
        std::cout << buffer << '\n';
    }
}
