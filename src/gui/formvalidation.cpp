#include "formvalidation.h"
#include "workcalendar.h"
#include "workflow.h"
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QLabel>

namespace gw {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("gw::FormValidation", text); }
}

QLabel *FormValidation::makeErrorLabel(QWidget *field, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(field->objectName() + QStringLiteral("Error"));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c0392b;"));
    label->setVisible(false);
    return label;
}

QLabel *FormValidation::makeTitle(const QString &objectName, QWidget *parent)
{
    auto *title = new QLabel(parent);
    title->setObjectName(objectName);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    font.setBold(true);
    title->setFont(font);
    return title;
}

void FormValidation::showError(QLabel *label, const QString &message)
{
    if (!label)
        return;
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void FormValidation::clearError(QLabel *label) { showError(label, QString()); }

QString FormValidation::requiredText(const QString &text, const QString &label, int maxLength)
{
    if (text.trimmed().isEmpty())
        return tr("%1 is required.").arg(label);
    return optionalText(text, label, maxLength);
}

QString FormValidation::optionalText(const QString &text, const QString &label, int maxLength)
{
    if (text.size() > maxLength)
        return tr("%1 is too long: %2 characters, at most %3.").arg(label).arg(text.size()).arg(maxLength);
    return {};
}

QString FormValidation::phoneText(const QString &phone)
{
    const QString p = phone.trimmed();
    if (p.isEmpty())
        return {};
    if (p.size() > 32)
        return tr("The phone number is too long (at most 32 characters).");
    int digits = 0;
    for (QChar ch : p) {
        if (ch.isDigit())
            ++digits;
        else if (ch != u'+' && ch != u'-' && ch != u' ')
            return tr("A phone number may hold only digits, spaces, + and -.");
    }
    if (digits < 5)
        return tr("The phone number is too short.");
    return {};
}

QString FormValidation::uncoveredDeadlineNote(const QDateTime &due)
{
    const WorkCalendar &calendar = WorkCalendar::builtin();
    if (!due.isValid() || calendar.covers(due.toTimeZone(calendar.timeZone()).date()))
        return {};
    return tr("Counted on weekdays only: the work calendar has no holidays for %1 yet, so this date may fall on a "
              "holiday or miss a make-up workday.").arg(due.toTimeZone(calendar.timeZone()).date().year());
}

void FormValidation::showStatus(QLabel *label, const QString &message, bool problem)
{
    label->setText(message);
    label->setStyleSheet(problem ? QStringLiteral("color: #b71c1c;") : QString());
}

QString FormValidation::displayTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return t.toTimeZone(WorkCalendar::builtin().timeZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// The edit holds the district's wall-clock time as a UTC value, so the desktop's own zone never shifts it.
void FormValidation::setEditorTime(QDateTimeEdit *edit, const QDateTime &t)
{
    const QDateTime local = t.toTimeZone(WorkCalendar::builtin().timeZone());
    edit->setDateTime(QDateTime(local.date(), local.time(), Qt::UTC));
}

QDateTime FormValidation::editorTime(const QDateTimeEdit *edit)
{
    const QDateTime wall = edit->dateTime();
    return QDateTime(wall.date(), wall.time(), WorkCalendar::builtin().timeZone()).toUTC();
}

QDateTimeEdit *FormValidation::makeTimeEdit(QWidget *parent, const QString &objectName)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setObjectName(objectName);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setCalendarPopup(true);
    return edit;
}

} // namespace gw
