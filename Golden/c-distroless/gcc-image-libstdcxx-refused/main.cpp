#include <format>
#include <iostream>
#include <random>

int main() {
    std::mt19937 rng(std::random_device{}());
    std::uniform_int_distribution<int> die(1, 6);
    std::cout << std::format("You rolled {}\n", die(rng));
}
