#pragma once
#include "result.h"
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

class QDateTimeEdit;
class QLabel;
class QWidget;

namespace gw {

// Messages next to form fields: a red label under each field, shown only while the field is wrong.
// Forms check limits up front with the same constants as gw::Workflow, and route a refused Result from
// the store to the field it names (Result::field) so the person sees where to fix it.
class FormValidation
{
public:
    // A hidden, word-wrapped red label meant to sit directly under `field`.
    static QLabel *makeErrorLabel(QWidget *field, QWidget *parent);
    static void showError(QLabel *label, const QString &message);
    static void clearError(QLabel *label);
    // The heading of a console's form: what the form is about, bold and a little larger.
    static QLabel *makeTitle(const QString &objectName, QWidget *parent);
    // A console's status line: the sentence, in red when it reports a problem.
    static void showStatus(QLabel *label, const QString &message, bool problem);

    // Empty when fine; otherwise a sentence naming `label`.
    static QString requiredText(const QString &text, const QString &label, int maxLength);
    static QString optionalText(const QString &text, const QString &label, int maxLength);
    static QString phoneText(const QString &phone);

    // Times are shown and edited in the district's local time (UTC+8) whatever the desktop's zone is.
    static QString displayTime(const QDateTime &t);  // "yyyy-MM-dd HH:mm", empty when invalid
    // For a deadline in a year the district's work calendar does not know: a sentence saying it was counted on
    // weekdays only (issue 16); empty when the calendar covers it.
    static QString uncoveredDeadlineNote(const QDateTime &due);
    static void setEditorTime(QDateTimeEdit *edit, const QDateTime &t);
    static QDateTime editorTime(const QDateTimeEdit *edit);  // UTC
    static QDateTimeEdit *makeTimeEdit(QWidget *parent, const QString &objectName);
};

} // namespace gw
