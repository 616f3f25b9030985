#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

// Prints a heartbeat from a few worker threads, for a liveness demo.
int main() {
    std::vector<std::thread> workers;
    for (int id = 0; id < 4; ++id) {
        workers.emplace_back([id] {
            for (;;) {
                std::cout << "worker " << id << " alive\n";
                std::this_thread::sleep_for(std::chrono::seconds(5));
            }
        });
    }
    for (auto &w : workers) w.join();
}
