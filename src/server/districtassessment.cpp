#include "districtassessment.h"
#include "accesspolicy.h"
#include "assessmentengine.h"
#include "eventlogreader.h"
#include "protocol/referenceset.h"
#include "serverstore.h"
#include <QJsonDocument>

namespace gw {

DistrictAssessment::DistrictAssessment(ServerStore *store) : m_store(store) {}

DistrictAssessment::~DistrictAssessment() = default;

QMap<QString, int> DistrictAssessment::versionsInUse()
{
    QMap<QString, int> versions;
    for (const QString &kind : {ReferenceSet::Calendar, ReferenceSet::Categories, ReferenceSet::Org, ReferenceSet::Indicators})
        versions.insert(kind, ReferenceSet::installedVersion(kind));
    return versions;
}

AssessmentResult DistrictAssessment::assess(const AssessmentFacts &facts, const IndicatorSchedule &schedule,
                                            const QString &month, const QDateTime &asOf)
{
    int year = 0;
    int number = 0;
    IndicatorSchedule::parseMonth(month, &year, &number);
    return AssessmentEngine(schedule.inForce(year, number)).assess(facts, AssessmentPeriod::month(year, number), asOf);
}

Result DistrictAssessment::currentFacts(const AssessmentFacts **facts)
{
    const QString key = QStringLiteral("%1/%2/%3")
                            .arg(m_store->lastServerSeq())
                            .arg(ReferenceSet::installedVersion(ReferenceSet::Org))
                            .arg(ReferenceSet::installedVersion(ReferenceSet::Calendar));
    if (!m_facts || key != m_factsKey) {
        auto fresh = std::make_unique<AssessmentFacts>(OrgDirectory::builtin(), WorkCalendar::builtin());
        fresh->reserve(int(m_store->caseCount()), int(m_store->caseCount()) * 2);
        const Result read = EventLogReader(*m_store).forEachCaseState([&fresh](const QByteArray &state) {
            fresh->addCase(CaseRecord::fromJson(QJsonDocument::fromJson(state).object()));
        });
        if (!read.ok)
            return Result::failure(QStringLiteral("storage_error"),
                                   tr("The cases could not be read for the assessment: %1").arg(read.message));
        m_facts = std::move(fresh);
        m_factsKey = key;
    }
    *facts = m_facts.get();
    return Result::success();
}

Result DistrictAssessment::months(const QString &from, const QString &to, AssessmentMonthsAnswer *answer)
{
    int fromYear = 0, fromMonth = 0, toYear = 0, toMonth = 0;
    if (!IndicatorSchedule::parseMonth(from, &fromYear, &fromMonth))
        return Result::failure(QStringLiteral("invalid_input"), tr("%1 is not a month (yyyy-MM).").arg(from.left(16)),
                               QStringLiteral("from"));
    if (!IndicatorSchedule::parseMonth(to, &toYear, &toMonth))
        return Result::failure(QStringLiteral("invalid_input"), tr("%1 is not a month (yyyy-MM).").arg(to.left(16)),
                               QStringLiteral("to"));
    const int count = (toYear * 12 + toMonth) - (fromYear * 12 + fromMonth) + 1;
    if (count < 1 || count > AssessmentMonthsAnswer::MaxMonths)
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("Ask for 1 to %1 months, from the first to the last.").arg(AssessmentMonthsAnswer::MaxMonths),
                               QStringLiteral("to"));
    const AssessmentFacts *facts = nullptr;
    const Result loaded = currentFacts(&facts);
    if (!loaded.ok)
        return loaded;
    QList<MonthPublication> published;
    const Result read = m_store->publications().ofMonths(QDate(fromYear, fromMonth, 1).toString(QStringLiteral("yyyy-MM")),
                                                         QDate(toYear, toMonth, 1).toString(QStringLiteral("yyyy-MM")), &published);
    if (!read.ok)
        return read;
    answer->computedAt = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    answer->lastServerSeq = m_store->lastServerSeq();
    answer->months.clear();
    QDate month(fromYear, fromMonth, 1);
    for (int i = 0; i < count; ++i, month = month.addMonths(1)) {
        MonthAssessment m;
        m.month = month.toString(QStringLiteral("yyyy-MM"));
        m.live = assess(*facts, IndicatorSchedule::builtin(), m.month, answer->computedAt);
        for (const MonthPublication &p : published)
            if (p.month == m.month)
                m.publications.append(p);
        answer->months.append(m);
    }
    return Result::success();
}

Result DistrictAssessment::publish(const QString &month, const QString &reason, const User &actor, MonthPublication *out)
{
    if (!AccessPolicy::canPublishAssessment(actor))
        return Result::failure(QStringLiteral("forbidden"),
                               tr("Only supervisors and assessment administrators publish the district's assessment."));
    int year = 0;
    int number = 0;
    if (!IndicatorSchedule::parseMonth(month, &year, &number))
        return Result::failure(QStringLiteral("invalid_input"), tr("%1 is not a month (yyyy-MM).").arg(month.left(16)),
                               QStringLiteral("month"));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    const AssessmentPeriod period = AssessmentPeriod::month(year, number);
    if (period.to > now)
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("%1 is not over yet: a month is published once it has ended (from %2).")
                                   .arg(month, period.to.toTimeZone(AssessmentPeriod::districtZone())
                                                   .toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                               QStringLiteral("month"));
    const QString why = reason.trimmed();
    if (why.size() > MonthPublication::MaxReasonLength)
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("The reason is %1 characters long; at most %2 are kept.")
                                   .arg(why.size()).arg(MonthPublication::MaxReasonLength),
                               QStringLiteral("reason"));
    QList<MonthPublication> before;
    const Result read = m_store->publications().ofMonths(month, QString(), &before);
    if (!read.ok)
        return read;
    if (why.isEmpty() && !before.isEmpty())
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("%1 has been published before: say what this correction changes (the reason is kept "
                                  "with both versions).").arg(month),
                               QStringLiteral("reason"));
    const AssessmentFacts *facts = nullptr;
    const Result loaded = currentFacts(&facts);
    if (!loaded.ok)
        return loaded;
    MonthPublication p;
    p.month = month;
    p.publishedAt = now;
    p.publishedBy = actor.id;
    p.publishedByName = actor.name;
    p.reason = why;
    p.cutoffSeq = m_store->lastServerSeq();
    p.versions = versionsInUse();
    p.result = assess(*facts, IndicatorSchedule::builtin(), month, now);
    const Result stored = m_store->publications().add(&p);
    if (!stored.ok)
        return stored;
    *out = p;
    return Result::success();
}

} // namespace gw
