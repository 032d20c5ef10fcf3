#pragma once
#include "assessmentclient.h"
#include <QWidget>
#include <optional>

class QLabel;
class QStandardItemModel;
class QTableView;

namespace gw {

// The dashboard's "published versions" tab (发布记录): every publication of the month shown, newest first — who
// published it when, why, the data cut-off, the reference data versions and the results' hash — and, above it, what
// the ranking shown is based on. Double-clicking a revision shows that revision's ranking (a correction keeps the
// earlier one readable).
class PublicationHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit PublicationHistoryView(QWidget *parent = nullptr);

    void showMonth(const QString &month, const std::optional<AssessmentClient::Cached> &cached, int shownRevision);
    QTableView *table() const { return m_table; }
    int rowCount() const;

Q_SIGNALS:
    void revisionChosen(int revision);  // 0: the latest

private:
    QLabel *m_title;
    QTableView *m_table;
    QStandardItemModel *m_model;
};

} // namespace gw
