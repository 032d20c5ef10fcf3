#include "demodistrict.h"
#include "categorycatalog.h"
#include "demodistrictdata.h"
#include "eventbuilder.h"
#include "orgdirectory.h"
#include "workcalendar.h"
#include "workflow.h"
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <iterator>

namespace gw {

namespace {

using demodata::Pool;

constexpr int DayStartMinutes = 8 * 60 + 30;  // the district's offices: 08:30-18:00 on working days
constexpr int DayEndMinutes = 18 * 60;

QString pick(QRandomGenerator &rng, Pool pool)
{
    const demodata::Texts t = demodata::texts(pool);
    return QString::fromUtf8(t.items[rng.bounded(int(t.count))]);
}

// `t`, or the next moment the offices are open (`anyDay`: in office hours, weekends and holidays included:
// grid members and the 12345 hotline report every day).
QDateTime workingMoment(const QDateTime &t, bool anyDay = false)
{
    const WorkCalendar &cal = WorkCalendar::builtin();
    QDateTime local = t.toTimeZone(cal.timeZone());
    for (int guard = 0; guard < 60; ++guard) {
        const int minutes = local.time().hour() * 60 + local.time().minute();
        if ((anyDay || cal.isWorkingDay(local.date())) && minutes < DayEndMinutes) {
            if (minutes < DayStartMinutes)
                local = QDateTime(local.date(), QTime(8, 30), cal.timeZone());
            break;
        }
        local = QDateTime(local.date().addDays(1), QTime(8, 30), cal.timeZone());
    }
    return local.toUTC();
}

// `t` moved on by `hours` of office time.
QDateTime addWorkingHours(const QDateTime &t, double hours)
{
    const WorkCalendar &cal = WorkCalendar::builtin();
    qint64 remaining = qint64(hours * 3600);
    QDateTime at = workingMoment(t);
    for (int guard = 0; guard < 400 && remaining > 0; ++guard) {
        const QDateTime local = at.toTimeZone(cal.timeZone());
        const QDateTime closing(local.date(), QTime(18, 0), cal.timeZone());
        const qint64 left = local.secsTo(closing);
        if (remaining < left)
            return at.addSecs(remaining);
        remaining -= left;
        at = workingMoment(closing);
    }
    return at;
}

// Which stories a case of a given age (days since registration) may tell, how often, and how many office hours
// the whole story may take at most (so a case picked to show a story surely gets to its end before now).
struct Rule {
    DemoDistrict::Story story;
    int weight;
    double minAge;
    double maxAge;  // 0: no limit
    double officeHours;
};
using S = DemoDistrict::Story;
const Rule Rules[] = {
    {S::Registered, 5, 0, 2, 0},           {S::Analyzed, 4, 0, 2, 4},           {S::Approved, 4, 0, 2, 8},
    {S::Whistled, 5, 0, 3, 10},            {S::Handling, 14, 1, 12, 16},        {S::Handled, 6, 2, 8, 80},
    {S::Verified, 5, 3, 9, 100},          {S::Closed, 60, 16, 0, 220},         {S::StreetHandling, 4, 0, 5, 4},
    {S::CheckInOverdue, 3, 5, 30, 30},     {S::HandlingOverdue, 4, 12, 45, 90}, {S::LateCheckIn, 12, 16, 0, 220},
    {S::Returned, 8, 18, 0, 220},          {S::PostponeApproved, 8, 24, 0, 220}, {S::PostponeDenied, 6, 18, 0, 220},
    {S::PostponePending, 3, 6, 16, 40},    {S::Reworked, 8, 22, 0, 220},        {S::Assisted, 10, 16, 0, 220},
    {S::ReviewReturned, 5, 18, 0, 220},    {S::Rejected, 4, 1, 0, 8},           {S::StreetResolved, 15, 8, 0, 220},
    {S::Merged, 3, 1, 0, 4},               {S::Escalated, 5, 8, 60, 30},
};

// A department people often summon first by mistake for matters of `lead`.
QString mistakenFor(const QString &lead)
{
    return lead == QLatin1String("dept.chengguan") ? QStringLiteral("dept.zhujian") : QStringLiteral("dept.chengguan");
}

QString assistantFor(const QString &lead)
{
    if (lead == QLatin1String("dept.jiaoyun"))
        return QStringLiteral("dept.jiaojing");
    return lead == QLatin1String("dept.chengguan") ? QStringLiteral("dept.shichang") : QStringLiteral("dept.chengguan");
}

} // namespace

// One case's story as it is told: the clock, the case as it stands, the steps so far.
struct DemoDistrict::Teller {
    DemoDistrict &district;
    const Workflow &workflow;
    QDateTime end;       // nothing happens at or after this
    bool hourly;         // one hour per step, whatever the story says
    QDateTime t;         // when the next step happens
    CaseRecord record;
    Case *out;
    bool registered = false;
    bool stopped = false;
    Result failure = Result::success();

    void wait(double minHours, double maxHours)
    {
        t = hourly ? t.addSecs(3600) : addWorkingHours(t, minHours + (maxHours - minHours) * district.unit());
    }
    // A while after `at` (a deadline that is to be missed).
    void waitPast(const QDateTime &at, double minHours, double maxHours)
    {
        if (hourly) {
            t = t.addSecs(3600);
            return;
        }
        t = addWorkingHours(std::max(t, at), minHours + (maxHours - minHours) * district.unit());
    }
    // A while, but before `due` when there is room (short deadlines of urgent cases run through the night).
    void waitBefore(const QDateTime &due, double minHours, double maxHours)
    {
        const QDateTime from = t;
        wait(minHours, maxHours);
        if (!hourly && due.isValid() && t >= due && from < due)
            t = from.addSecs(qint64(double(from.secsTo(due)) * (0.3 + 0.6 * district.unit())));
    }
    EventBuilder builder(const User &actor) const
    {
        const QDateTime at = t;
        return EventBuilder(actor, district.m_options.deviceId, [at] { return at; });
    }
    bool act(const User &actor, const CaseEvent &event)
    {
        if (stopped)
            return false;
        if (t >= end) {  // the story has not got this far yet
            stopped = true;
            return false;
        }
        const Result checked = workflow.check(registered ? &record : nullptr, event);
        if (!checked.ok) {
            failure = Result::failure(checked.code, DemoDistrict::tr("Demo story %1, step %2 (%3 by %4) refused: %5")
                                                        .arg(storyName(out->story)).arg(out->steps.size() + 1)
                                                        .arg(eventTypeToString(event.type), actor.id, checked.message));
            stopped = true;
            return false;
        }
        workflow.apply(record, event);
        registered = true;
        out->steps.append({actor, event});
        return true;
    }
    bool make(const User &actor, EventType type, const QJsonObject &payload)
    {
        return act(actor, builder(actor).make(type, record.id, payload));
    }
};

DemoDistrict::DemoDistrict() : DemoDistrict(Options()) {}

DemoDistrict::DemoDistrict(const Options &options) : m_options(options), m_rng(options.seed)
{
    if (!m_options.now.isValid())
        m_options.now = QDateTime::currentDateTimeUtc();
}

QString DemoDistrict::storyName(Story story)
{
    static const char *const names[] = {
        "registered", "analyzed", "approved", "whistled", "handling", "handled", "verified", "closed",
        "street-handling", "check-in-overdue", "handling-overdue", "late-check-in", "returned", "postpone-approved",
        "postpone-denied", "postpone-pending", "reworked", "assisted", "review-returned", "rejected",
        "street-resolved", "merged", "escalated"};
    static_assert(std::size(names) == StoryCount);
    return QLatin1String(names[int(story)]);
}

QList<User> DemoDistrict::accounts()
{
    QList<User> out{
        User::make(QStringLiteral("dispatcher"), Role::CenterDispatcher, QStringLiteral("center.district"), QStringLiteral("调度员")),
        User::make(QStringLiteral("reviewer"), Role::CenterReviewer, QStringLiteral("center.district"), QStringLiteral("审核员")),
        User::make(QStringLiteral("supervisor"), Role::Supervisor, QStringLiteral("center.district"), QStringLiteral("督查员")),
        User::make(QStringLiteral("shifu"), Role::CommunityReporter, QStringLiteral("community.tuodong.1"),
                   QStringLiteral("市府社区网格员")),
    };
    const OrgDirectory &org = OrgDirectory::builtin();
    for (const OrgUnit &street : org.unitsOfKind(OrgUnit::Kind::Street))
        out.append(streetOperator(street.id));
    for (const OrgUnit &dept : org.unitsOfKind(OrgUnit::Kind::Department))
        out.append(handler(dept.id));
    return out;
}

User DemoDistrict::account(const QString &id)
{
    for (const User &u : accounts())
        if (u.id == id)
            return u;
    return {};
}

User DemoDistrict::streetOperator(const QString &streetId)
{
    return User::make(streetId.section(QLatin1Char('.'), 1), Role::StreetOperator, streetId,
                      OrgDirectory::builtin().nameOf(streetId) + QStringLiteral("操作员"));
}

User DemoDistrict::handler(const QString &departmentId)
{
    QString name = OrgDirectory::builtin().nameOf(departmentId);
    if (name.startsWith(u'区'))
        name = name.mid(1);
    return User::make(departmentId.section(QLatin1Char('.'), 1), Role::DepartmentHandler, departmentId,
                      name + QStringLiteral("处置员"));
}

CaseDraft DemoDistrict::draft(int index)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const bool spread = m_options.focusStreet.isEmpty();
    // With a focus street, samples rotate (40 of them: every stage of a rotation of 9 meets every sample).
    // Otherwise each sample once, then by weight.
    const demodata::Sample *samples = demodata::samples();
    const int sampleCount = int(demodata::sampleCount());
    int sampleIndex = index % sampleCount;
    if (spread && index >= sampleCount) {  // the first cases show every sample once, then by how often each is seen
        int total = 0;
        for (int i = 0; i < sampleCount; ++i)
            total += samples[i].weight;
        int roll = below(total);
        for (sampleIndex = 0; roll >= samples[sampleIndex].weight; ++sampleIndex)
            roll -= samples[sampleIndex].weight;
    }
    const demodata::Sample &s = samples[sampleIndex];

    const demodata::Street *streets = demodata::streets();
    const int streetCount = int(demodata::streetCount());
    const demodata::Street *street = nullptr;
    if (!spread && index % 3 == 0)
        street = demodata::street(m_options.focusStreet);
    if (!street && spread) {
        int total = 0;
        for (int i = 0; i < streetCount; ++i)
            total += streets[i].weight;
        int roll = below(total);
        int i = 0;
        for (; roll >= streets[i].weight; ++i)
            roll -= streets[i].weight;
        street = &streets[i];
    }
    if (!street)
        street = &streets[below(streetCount)];
    const QString streetId = QLatin1String(street->id);
    const QList<OrgUnit> communities = org.communitiesOf(streetId);

    CaseDraft d;
    d.title = QString::fromUtf8(s.title);
    d.description = QString::fromUtf8(s.description);
    d.categoryId = QLatin1String(s.category);
    d.subcategoryId = QLatin1String(s.subcategory);
    d.streetId = streetId;
    if (!communities.isEmpty())
        d.communityId = communities.at(below(int(communities.size()))).id;
    d.address = QStringLiteral("盘龙区%1%2号").arg(QString::fromUtf8(street->roads[below(4)])).arg(1 + below(300));
    if (below(3) == 0)
        d.address += pick(m_rng, Pool::Landmark);
    // One of the community's served grid cells (the draw is kept so a seed gives the same district as before).
    const int cellDraw = below(40);
    const QList<GridCell> cells = OrgDirectory::builtin().gridCellsOf(d.communityId);
    if (!cells.isEmpty())
        d.gridCell = cells.at(cellDraw % int(cells.size())).code;
    // Inside the street's box, to six decimals (about 0.1 m), as a phone's location would give it.
    auto within = [this](double from, double to) { return std::round((from + (to - from) * unit()) * 1e6) / 1e6; };
    d.hasLocation = true;
    d.longitude = within(street->west, street->east);
    d.latitude = within(street->south, street->north);
    const int u = below(20);
    d.urgency = u < 15 ? Urgency::Normal : u < 19 ? Urgency::Urgent : Urgency::Critical;
    d.reporterName = pick(m_rng, Pool::Surname) + (below(2) ? QStringLiteral("先生") : QStringLiteral("女士"));
    d.reporterPhone = QStringLiteral("13%1%2").arg(below(10)).arg(below(100000000), 8, 10, QLatin1Char('0'));
    return d;
}

Result DemoDistrict::tell(Story story, const CaseDraft &draft, const QDateTime &registeredAt, bool hourly,
                          const QString &mergeInto, Case *out)
{
    static const Workflow workflow;
    out->story = story;
    out->steps.clear();
    Teller s{*this, workflow, m_options.now, hourly, registeredAt, {}, out};
    const bool flavour = !hourly;  // comments and ratings: only in the district, the GUI tests count steps
    const User dispatcher = account(QStringLiteral("dispatcher"));
    const User reviewer = account(QStringLiteral("reviewer"));
    const User street = streetOperator(draft.streetId);
    // The community's grid member where there is a demo one, else the street office or the 12345 hotline.
    const User registrar = draft.communityId == QLatin1String("community.tuodong.1") ? account(QStringLiteral("shifu"))
                           : unit() < 0.5                                             ? street : dispatcher;
    // Whoever registered at the street office often analyzes and whistles there too.
    const User analyzer = registrar.id == street.id && unit() < 0.5 ? street : dispatcher;
    const double age = registeredAt.secsTo(m_options.now) / 86400.0;

    const CaseEvent registration = s.builder(registrar).registerCase(draft);
    out->id = registration.caseId;
    s.act(registrar, registration);
    if (story == Story::Merged && mergeInto.isEmpty())
        story = out->story = Story::Registered;  // nothing to merge into yet

    auto analyzeWhistle = [&] {
        s.wait(0.2, 3);
        return s.make(analyzer, EventType::Analyzed,
                      {{"decision", "whistle"}, {"note", pick(m_rng, Pool::AnalysisNote)}});
    };
    auto review = [&](const char *decision, Pool why) {
        s.wait(0.3, 4);
        return s.make(reviewer, EventType::Reviewed, {{"decision", decision}, {"reason", pick(m_rng, why)}});
    };
    auto whistle = [&](const QString &lead, const QStringList &assisting) {
        s.wait(0.1, 2);
        return s.act(analyzer, s.builder(analyzer).whistle(s.record, lead, assisting));
    };
    auto checkIn = [&](const QString &dept, bool late) {
        const DepartmentAssignment *a = s.record.assignment(dept);
        if (!a)
            return false;
        if (late)
            s.waitPast(a->checkInDue, 1, 12);
        else
            s.waitBefore(a->checkInDue, 0.3, 4);
        return s.make(handler(dept), EventType::CheckedIn,
                      {{"department", dept}, {"note", pick(m_rng, Pool::CheckInNote)}});
    };
    auto handle = [&](const QString &dept) {
        const DepartmentAssignment *a = s.record.assignment(dept);
        if (!a)
            return false;
        if (flavour && unit() < 0.08)
            s.waitPast(a->handleDue, 1, 12);  // now and then a department is late
        else
            s.waitBefore(a->handleDue, 3, 30);
        return s.make(handler(dept), EventType::Handled, {{"department", dept}, {"feedback", pick(m_rng, Pool::Feedback)}});
    };
    auto verify = [&](bool passed) {
        const User &by = unit() < 0.5 ? dispatcher : analyzer;
        s.wait(2, 14);
        if (passed)
            return s.make(by, EventType::Verified, {{"passed", true}});
        return s.make(by, EventType::Verified,
                      {{"passed", false}, {"reason", pick(m_rng, Pool::ReworkReason)},
                       {"reworkDue", CaseEvent::timeToString(WorkCalendar::builtin().addWorkingDays(s.t, 2))}});
    };
    auto close = [&] {
        s.wait(1, 8);
        // Seven in ten satisfied, two basic, one dissatisfied, in a fixed rotation so every kind appears.
        const int turn = m_closedCount++ % 10;
        const char *satisfaction = turn < 7 ? "satisfied" : turn < 9 ? "basic" : "dissatisfied";
        const QString summary = turn < 7   ? pick(m_rng, Pool::ClosingSummary)
                                : turn < 9 ? QStringLiteral("处置完毕，回访群众基本认可")
                                           : QStringLiteral("已处置完毕，群众对处置时效不满意");
        return s.make(unit() < 0.85 ? dispatcher : reviewer, EventType::Closed,
                      {{"summary", summary}, {"satisfaction", satisfaction}, {"callbackContact", draft.reporterName},
                       {"callbackBy", QStringLiteral("回访专员")}});
    };
    auto comment = [&](const User &by, Pool pool) {
        s.wait(0.5, 6);
        return s.make(by, EventType::Commented, {{"text", pick(m_rng, pool)}});
    };

    switch (story) {
    case Story::Registered:
        break;
    case Story::StreetHandling:
    case Story::StreetResolved: {
        const User &by = analyzer.id == dispatcher.id && unit() < 0.5 ? dispatcher : street;
        s.wait(0.2, 3);
        s.make(by, EventType::Analyzed,
               {{"decision", "street"}, {"note", pick(m_rng, Pool::StreetNote)},
                {"due", CaseEvent::timeToString(WorkCalendar::builtin().addWorkingDays(s.t, 3))}});
        if (story == Story::StreetHandling)
            break;
        s.waitBefore(s.record.streetDue, 3, 20);
        s.make(street, EventType::StreetResolved, {{"feedback", pick(m_rng, Pool::StreetFeedback)}});
        s.wait(2, 12);
        s.make(dispatcher, EventType::Verified, {{"passed", true}});
        close();
        break;
    }
    case Story::Merged:
        s.wait(0.2, 3);
        s.make(analyzer, EventType::Analyzed,
               {{"decision", "merge"}, {"note", QStringLiteral("与同一地点已登记的哨件重复，合并办理")},
                {"mergedInto", mergeInto}});
        break;
    case Story::Rejected:
        analyzeWhistle();
        review("reject", Pool::Rejection);
        break;
    default: {
        analyzeWhistle();
        if (story == Story::Analyzed)
            break;
        if (story == Story::ReviewReturned) {
            review("return", Pool::ReviewReturn);
            s.wait(1, 6);
            s.make(analyzer, EventType::Analyzed, {{"decision", "whistle"}, {"note", QStringLiteral("已按审核意见补充")}});
        }
        review("approve", Pool::ReviewNote);
        if (story == Story::Approved)
            break;
        const Category *category = CategoryCatalog::builtin().find(draft.categoryId);
        QString lead = category && !category->suggestedDepartments.isEmpty() ? category->suggestedDepartments.first()
                                                                             : QStringLiteral("dept.chengguan");
        for (std::size_t i = 0; i < demodata::sampleCount(); ++i) {
            const demodata::Sample &sample = demodata::samples()[i];
            if (sample.lead && draft.title == QString::fromUtf8(sample.title))
                lead = QLatin1String(sample.lead);
        }
        if (story == Story::Returned) {
            const QString first = mistakenFor(lead);
            whistle(first, {});
            if (unit() < 0.5)
                checkIn(first, false);
            s.wait(1, 6);
            const QString reason = pick(m_rng, Pool::ReturnReason).arg(OrgDirectory::builtin().nameOf(lead));
            s.make(handler(first), EventType::AssignmentReturned, {{"department", first}, {"reason", reason}});
        }
        const QStringList assisting = story == Story::Assisted ? QStringList{assistantFor(lead)} : QStringList{};
        whistle(lead, assisting);
        if (s.stopped)
            break;
        if (flavour && unit() < 0.15)
            comment(unit() < 0.5 ? street : dispatcher, Pool::Comment);
        if (story == Story::Whistled)
            break;
        if (story == Story::CheckInOverdue) {
            if (flavour && unit() < 0.5) {
                s.waitPast(s.record.assignment(lead)->checkInDue, 1, 8);
                s.make(account(QStringLiteral("supervisor")), EventType::Commented,
                       {{"text", QString::fromUtf8(demodata::texts(Pool::SupervisorComment).items[1])}});
            }
            break;
        }
        checkIn(lead, story == Story::LateCheckIn);
        for (const QString &dept : assisting)
            checkIn(dept, false);
        if (story == Story::Handling || s.stopped)
            break;
        if (story == Story::HandlingOverdue) {
            s.waitPast(s.record.assignment(lead)->handleDue, 2, 20);
            s.make(account(QStringLiteral("supervisor")), EventType::Commented,
                   {{"text", QString::fromUtf8(demodata::texts(Pool::SupervisorComment).items[0])}});
            break;
        }
        if (story == Story::Escalated) {
            s.wait(1, 8);
            s.make(reviewer, EventType::Escalated, {{"reason", pick(m_rng, Pool::EscalationReason)}});
            if (age < 35)
                break;  // still with the city
        }
        if (story == Story::PostponeApproved || story == Story::PostponeDenied || story == Story::PostponePending) {
            const DepartmentAssignment *a = s.record.assignment(lead);
            s.waitBefore(a ? a->handleDue : QDateTime(), 4, 20);
            const QDateTime requested = WorkCalendar::builtin().addWorkingDays(a ? a->handleDue : s.t, 3 + below(5));
            s.make(handler(lead), EventType::PostponeRequested,
                   {{"department", lead}, {"requestedDue", CaseEvent::timeToString(requested)},
                    {"reason", pick(m_rng, Pool::PostponeReason)}});
            if (story == Story::PostponePending)
                break;
            const bool approved = story == Story::PostponeApproved;
            s.wait(1, 6);
            s.make(reviewer, EventType::PostponeDecided,
                   {{"department", lead}, {"approved", approved},
                    {"reason", approved ? QStringLiteral("同意延期") : pick(m_rng, Pool::PostponeDenied)}});
        }
        for (const QString &dept : assisting)
            handle(dept);
        handle(lead);
        if (story == Story::Handled)
            break;
        if (story == Story::Reworked) {
            verify(false);
            handle(lead);
        }
        verify(true);
        if (story == Story::Verified)
            break;
        if (flavour && (story == Story::Assisted || unit() < 0.3)) {
            s.wait(0.5, 6);
            const int score = story == Story::Assisted ? 4 + below(2) : 3 + below(3);
            s.make(street, EventType::DepartmentRated,
                   {{"department", lead}, {"score", score}, {"comment", pick(m_rng, Pool::RatingComment)}});
        }
        close();
        break;
    }
    }
    return s.failure;
}

Result DemoDistrict::district(int count, int days, QList<Case> *cases)
{
    cases->clear();
    const QDateTime end = m_options.now;
    QList<QDateTime> registered;
    for (int i = 0; i < count; ++i) {
        // In office hours (any day), at least an hour ago (a moment after the last closing time is drawn again); recent
        // weeks hold more cases, as a district's open work piles up there.
        QDateTime t;
        for (int attempt = 0; attempt < 100 && (!t.isValid() || t > end.addSecs(-3600)); ++attempt)
            t = workingMoment(end.addSecs(-qint64(std::pow(unit(), 1.25) * days * 86400)), true);  // more of late
        registered.append(t > end.addSecs(-3600) ? end.addSecs(-3600) : t);
    }
    std::sort(registered.begin(), registered.end());

    QList<int> storyOf(count, -1);
    auto fits = [&](const Rule &rule, int i) {
        const double age = registered.at(i).secsTo(end) / 86400.0;
        return age >= rule.minAge && (rule.maxAge <= 0 || age <= rule.maxAge);
    };
    auto hasTime = [&](const Rule &rule, int i) { return addWorkingHours(registered.at(i), rule.officeHours) < end; };
    // Every story once, on a case whose story surely ends before now (of the right age if there is one: after
    // a long holiday the recent cases have not moved yet); then by weight.
    for (const Rule &rule : Rules) {
        QList<int> candidates;
        for (int pass = 0; pass < 2 && candidates.isEmpty(); ++pass) {
            for (int i = 1; i < count; ++i)
                if (storyOf.at(i) < 0 && hasTime(rule, i) && (pass == 1 || fits(rule, i)))
                    candidates.append(i);
        }
        if (!candidates.isEmpty())
            storyOf[candidates.at(below(int(candidates.size())))] = int(rule.story);
    }
    for (int i = 0; i < count; ++i) {
        if (storyOf.at(i) >= 0)
            continue;
        int total = 0;
        for (const Rule &rule : Rules)
            total += fits(rule, i) ? rule.weight : 0;
        int roll = below(total);
        storyOf[i] = int(Story::Registered);
        for (const Rule &rule : Rules) {
            if (!fits(rule, i))
                continue;
            if (roll < rule.weight) {
                storyOf[i] = int(rule.story);
                break;
            }
            roll -= rule.weight;
        }
    }

    QList<CaseDraft> drafts;
    for (int i = 0; i < count; ++i) {
        CaseDraft d = draft(i);
        QString mergeInto;
        if (Story(storyOf.at(i)) == Story::Merged && i > 0) {
            // A second report of something registered a little earlier: same place, another resident.
            const int j = i - 1 - below(qMin(i, 5));
            const QString reporter = d.reporterName, phone = d.reporterPhone;
            d = drafts.at(j);
            d.reporterName = reporter;
            d.reporterPhone = phone;
            mergeInto = cases->at(j).id;
        }
        Case c;
        const Result r = tell(Story(storyOf.at(i)), d, registered.at(i), false, mergeInto, &c);
        if (!r.ok)
            return r;
        drafts.append(d);
        cases->append(c);
    }
    return Result::success();
}

Result DemoDistrict::stages(int count, QList<Case> *cases)
{
    cases->clear();
    for (int i = 0; i < count; ++i) {
        const CaseDraft d = draft(i);
        const QDateTime registeredAt = m_options.now.addSecs(-qint64(below(21 * 24)) * 3600 - 12 * 3600);
        Case c;
        const Result r = tell(Story(i % StageCount), d, registeredAt, true, {}, &c);
        if (!r.ok)
            return r;
        cases->append(c);
    }
    return Result::success();
}

} // namespace gw
