#pragma once
#include <QtGlobal>
#include <cstdio>
#include <cstdlib>

// An invariant that must hold for every input. A violation aborts, which libFuzzer reports as a crash and
// saves the input as a reproducer (crash-<sha1>) — a plain assert would vanish in release builds.
#define GW_FUZZ_CHECK(condition)                                                                      \
    do {                                                                                              \
        if (!(condition)) {                                                                           \
            std::fprintf(stderr, "GW_FUZZ_CHECK failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
            std::abort();                                                                             \
        }                                                                                             \
    } while (false)
