#pragma once
#include "result.h"
#include <QFile>
#include <QtGlobal>

namespace gw {

// The one instance of a kind of the district's reference data in use in this process (WorkCalendar, CategoryCatalog,
// OrgDirectory, PhraseBook, IndicatorSchedule: their builtin() and installDistrict()). It starts as the data shipped
// with the program and is replaced — only on the main thread, where it is read — when the district server's version
// is installed; whoever holds a reference to it (Workflow, AssessmentFacts, ...) sees each new version.
template <typename Data>
Data &districtData()
{
    static Data data = Data::shipped();
    return data;
}

// Reads shipped data from the program's resources (":/seed/..."); the files are part of the build and checked by
// the tests, so a refusal is a programming error.
template <typename Data>
Data loadShipped(const QString &resource)
{
    Data data;
    QFile f(resource);
    if (f.open(QIODevice::ReadOnly)) {
        const Result r = data.loadJson(f.readAll());
        Q_ASSERT_X(r.ok, qPrintable(resource), qPrintable(r.message.english()));
        Q_UNUSED(r)
    }
    return data;
}

} // namespace gw
