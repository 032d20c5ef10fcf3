#pragma once
#include "auditchain.h"
#include "caseevent.h"
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace gw {

// The audit trail of one case (吹哨全留痕): who did what when, whether it is still only on this computer,
// and whether the hash chain holds: ✓ on each event up to the first broken one, ✗ from there on.
class CaseTimelineWidget : public QWidget
{
    Q_OBJECT
public:
    enum Column { VerifiedColumn, TimeColumn, ActorColumn, ActionColumn, DetailsColumn, SyncColumn, ColumnCount };

    explicit CaseTimelineWidget(QWidget *parent = nullptr);

    void setEvents(const QList<CaseEvent> &events);
    AuditChain::Report report() const { return m_report; }
    QTreeWidget *tree() const { return m_tree; }
    QLabel *chainLabel() const { return m_chainLabel; }
    // The row under event `event` with who did it and the details, across the whole width, wrapped.
    QTreeWidgetItem *detailRow(int event) const;

    // "who": login id and role, then the org unit on a second line, e.g. "wang.li · 街道操作员\n拓东街道".
    static QString actorText(const CaseEvent &event);
    // The key content of an event in one line, e.g. "区城管局 (lead), 区住建局 (assisting)".
    static QString detailsText(const CaseEvent &event);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitDetailRows();
    QTreeWidget *m_tree;
    QLabel *m_chainLabel;
    AuditChain::Report m_report;
};

} // namespace gw
