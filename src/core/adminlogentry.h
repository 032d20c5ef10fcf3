#pragma once
#include "message.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gw {

// One entry of the server's administrative log: a change to what governs the district rather than to a case —
// accounts today (issue 17), reference data and publications next (issue 16). Entries form one hash chain, like a
// case's events: each names the hash of the one before, so an edited, removed or inserted row is found by
// AdminLogEntry::verify (and `gridwhistle-server verify`). Never holds a password or a token.
class AdminLogEntry
{
    GW_DECLARE_MESSAGES(gw::AdminLogEntry)
public:
    // What happened ("<subject kind>.<verb>"); `details` holds what changed.
    static const QString AccountCreated;          // {name, role, orgUnit, active, mustChangePassword}
    static const QString AccountUpdated;          // {changes: {field: [before, after]}}
    static const QString AccountPasswordReset;    // {mustChangePassword}: an administrator set it
    static const QString AccountPasswordChanged;  // {}: the person changed their own
    static const QString ReferenceImported;       // {version, ...}: the shipped data became version 1 (issue 16)
    static const QString CalendarYearSet;         // {version, year, holidays, extraWorkdays, notice, replaced}
    static const QString WorkingDaySet;           // {version, before, after}: WorkCalendar::WorkingDay::toJson()
    static const QString CategorySet;             // {version, category, name, added, changes: Category::ruleChanges}
    static const QString OrgUnitSet;              // {version, unit, name, added, changes: OrgDirectory::changes}
    static const QString GridCellSet;             // {version, code, name, added, changes: OrgDirectory::changes}
    static const QString PhrasesSet;              // {version, kind, added: [texts], removed: [texts]}
    static const QString IndicatorsSet;           // {version, effective, setVersion, title, replaced}
    // A month's assessment published (revision 1) or corrected (2, ...): {month, revision, reason, cutoffSeq,
    // versions, resultHash}; the hash is what `verify` holds the stored results to.
    static const QString MonthPublished;

    qint64 seq = 0;        // 1, 2, 3, ... in the order the server recorded them
    QDateTime at;          // UTC, when the server recorded it
    QString actor;         // the account that made the change, or "system" (the server itself)
    QString action;
    QString subject;       // what it is about: an account id here
    QJsonObject details;
    QByteArray prevHash;   // hex SHA-256 of the entry before; empty for the first
    QByteArray hash;       // hex SHA-256 over canonical()

    // The bytes the hash covers: every field above except the hash itself, as compact JSON with sorted keys.
    QByteArray canonical() const;
    QByteArray computeHash() const;
    // Sets prevHash and hash for an entry that follows `previous` (nullptr for the first).
    void seal(const QByteArray &previousHash);

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, AdminLogEntry *out, Message *error);

    // For a person: "Account created", ... and what changed, in the reader's language.
    static Message actionDisplayName(const QString &action);
    Message summary() const;

    struct Report {
        int index = -1;    // position of the first entry at fault; -1 when the chain is whole
        Message message;   // why, for a person
        bool ok() const { return index < 0; }
    };
    // Entries in stored order, from seq 1: contiguous numbers, each linked to the one before, each hash right.
    static Report verify(const QList<AdminLogEntry> &entries);
};

} // namespace gw
