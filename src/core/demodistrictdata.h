#pragma once
// What the demo district is made of (DemoDistrict): what residents report, where the streets lie, what people write.
// Data only; Chinese text as it appears in a district's case ledger, not translated UI strings.
#include <QString>
#include <cstddef>

namespace gw::demodata {

struct Sample {
    const char *category;
    const char *subcategory;
    const char *lead;         // the department that handles it; null: the category's first suggested department
    const char *title;
    const char *description;  // mentions 井盖 only when the title does (GUI tests search for it)
    int weight;               // how often it is reported, relative
};

// An approximate box around a street's area in 盘龙区 (WGS-84 degrees), a few of its roads and its share of cases.
// The boxes are hand-drawn approximations for putting demo cases on a map, not survey data.
struct Street {
    const char *id;
    double west, south, east, north;
    const char *roads[4];
    int weight;
};

struct Texts {
    const char *const *items;
    std::size_t count;
};

const Sample *samples();
std::size_t sampleCount();
const Street *streets();
std::size_t streetCount();
const Street *street(const QString &id);  // null for an unknown street

// Pools of free text, by use.
enum class Pool {
    Surname, AnalysisNote, StreetNote, ReviewNote, ReviewReturn, Rejection, CheckInNote, Feedback, StreetFeedback,
    ReturnReason, PostponeReason, PostponeDenied, ReworkReason, ClosingSummary, EscalationReason, Comment,
    SupervisorComment, RatingComment, Landmark
};
Texts texts(Pool pool);

} // namespace gw::demodata
