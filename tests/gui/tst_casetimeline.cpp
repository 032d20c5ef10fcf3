// The audit timeline in a narrow side pane: each event's details get a row of their own across the whole
// width, wrapped, so a reason is readable without resizing anything. Saves a screenshot to look at.
#include "casestore.h"
#include "casetimelinewidget.h"
#include "eventbuilder.h"
#include "guidemodata.h"
#include <QDir>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include "screenshots.h"

using namespace gw;

class TestCaseTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detailsWrapAcrossTheNarrowPane();
};

void TestCaseTimeline::detailsWrapAcrossTheNarrowPane()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CaseStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("timeline.sqlite"))).ok);
    QStringList ids;
    QVERIFY(demo::populate(&store, int(demo::Stage::Handling) + 1, 5, &ids).ok);
    const QString id = ids.last();
    const CaseRecord record = *store.caseById(id);
    const DepartmentAssignment &lead = record.departments.constFirst();
    const QString reason = QStringLiteral("该路段地下管线复杂，需等待自来水公司与燃气公司联合勘察后才能开挖施工，"
                                          "预计勘察与审批共需五个工作日，特申请延期。");
    CaseEvent request = EventBuilder(demo::user(QStringLiteral("handler:") + lead.departmentId), store.deviceId())
                            .make(EventType::PostponeRequested, id,
                                  {{"department", lead.departmentId},
                                   {"requestedDue", CaseEvent::timeToString(lead.handleDue.addDays(5))},
                                   {"reason", reason}});
    const Result appended = store.append(request);
    QVERIFY2(appended.ok, qPrintable(appended.message));
    const QList<CaseEvent> events = store.eventsOf(id);

    CaseTimelineWidget timeline;
    timeline.resize(440, 560);  // about what the detail pane next to the list leaves it
    timeline.setEvents(events);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    QTreeWidget *tree = timeline.tree();
    QVERIFY(tree->isColumnHidden(CaseTimelineWidget::DetailsColumn));
    QVERIFY(tree->isColumnHidden(CaseTimelineWidget::ActorColumn));
    QCOMPARE(tree->topLevelItemCount(), events.size());
    const int lineHeight = tree->fontMetrics().height();
    for (int i = 0; i < events.size(); ++i) {
        const QString details = CaseTimelineWidget::detailsText(events.at(i));
        QCOMPARE(tree->topLevelItem(i)->text(CaseTimelineWidget::DetailsColumn), details);
        QTreeWidgetItem *row = timeline.detailRow(i);
        QVERIFY(row);
        QVERIFY(row->text(0).contains(details));
        QVERIFY(row->text(0).contains(events.at(i).actorId));  // who did it, readable too
        QVERIFY(row->isFirstColumnSpanned());
        QVERIFY(row->parent()->isExpanded());
    }
    // The long reason: the full width of the pane, and as many lines as its text needs.
    QTreeWidgetItem *last = timeline.detailRow(int(events.size()) - 1);
    QVERIFY(last->text(0).contains(reason));
    tree->scrollToItem(last);
    const QRect rect = tree->visualItemRect(last);
    QVERIFY2(rect.width() >= tree->viewport()->width() * 8 / 10, qPrintable(QString::number(rect.width())));
    const int needed = tree->fontMetrics().horizontalAdvance(last->text(0)) / rect.width() + 1;
    QVERIFY2(needed >= 2, "the reason is longer than one line of the pane");
    QVERIFY2(rect.height() >= needed * lineHeight, qPrintable(QStringLiteral("%1 < %2 lines").arg(rect.height()).arg(needed)));
    // Narrower still: the rows grow taller instead of cutting the text.
    timeline.resize(320, 560);
    QCoreApplication::processEvents();
    QVERIFY(tree->visualItemRect(last).height() > rect.height());
    timeline.resize(440, 560);
    QCoreApplication::processEvents();

    QVERIFY(!test::saveScreenshot(&timeline, QStringLiteral("timeline_narrow_pane.png")).isEmpty());
}

QTEST_MAIN(TestCaseTimeline)
#include "tst_casetimeline.moc"
