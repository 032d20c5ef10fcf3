#pragma once
#include "conflictitem.h"
#include "user.h"
#include <QDialog>

class QLabel;
class QTableWidget;

namespace gw {

class CaseStore;

// Offline actions the district server refused, each with the server's reason. Per item the user retries
// (the same action again, checked against the case as it is now) or discards it (after confirming; the
// discard is itself written to the case's audit trail by the store).
class ConflictInboxDialog : public QDialog
{
    Q_OBJECT
public:
    ConflictInboxDialog(CaseStore *store, const User &user, QWidget *parent = nullptr);

    void reload();
    int itemCount() const { return int(m_items.size()); }
    // The same as the row buttons, for keyboard users and tests. `confirm` false skips the question.
    bool retry(int row);
    bool discard(int row, bool confirm = true);

Q_SIGNALS:
    void conflictsResolved();

private:
    QWidget *rowButtons(int row);

    CaseStore *m_store;
    User m_user;
    QList<ConflictItem> m_items;
    QTableWidget *m_table;
    QLabel *m_summary;
};

} // namespace gw
