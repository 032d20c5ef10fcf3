<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaseRegistrationDialog</name>
    <message>
        <source>Register a case</source>
        <translation>Register a case</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>Title *</translation>
    </message>
    <message>
        <source>Short summary, e.g. 人行道占道经营</source>
        <translation>Short summary, e.g. 人行道占道经营</translation>
    </message>
    <message>
        <source>Description *</source>
        <translation>Description *</translation>
    </message>
    <message>
        <source>What is wrong, since when, who is affected</source>
        <translation>What is wrong, since when, who is affected</translation>
    </message>
    <message>
        <source>Category *</source>
        <translation>Category *</translation>
    </message>
    <message>
        <source>Sub-category</source>
        <translation>Sub-category</translation>
    </message>
    <message>
        <source>Urgency *</source>
        <translation>Urgency *</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Street *</source>
        <translation>Street *</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>Address *</source>
        <translation>Address *</translation>
    </message>
    <message>
        <source>Road, number, landmark</source>
        <translation>Road, number, landmark</translation>
    </message>
    <message>
        <source>Grid cell</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <source>Longitude / latitude</source>
        <translation>Longitude / latitude</translation>
    </message>
    <message>
        <source>Longitude, e.g. 102.7205</source>
        <translation>Longitude, e.g. 102.7205</translation>
    </message>
    <message>
        <source>Latitude, e.g. 25.0478</source>
        <translation>Latitude, e.g. 25.0478</translation>
    </message>
    <message>
        <source>Reporter (optional)</source>
        <translation>Reporter (optional)</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>Reporter name</translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation>Reporter phone</translation>
    </message>
    <message>
        <source>e.g. 138 0871 0000</source>
        <translation>e.g. 138 0871 0000</translation>
    </message>
    <message>
        <source>Photos and attachments</source>
        <translation>Photos and attachments</translation>
    </message>
    <message>
        <source>Saved in this computer&apos;s store first; it is sent to the district server at the next sync.</source>
        <translation>Saved in this computer&apos;s store first; it is sent to the district server at the next sync.</translation>
    </message>
</context>
<context>
    <name>gw::AccountAdminClient</name>
    <message>
        <source>This client has no connection to a district server.</source>
        <translation>This client has no connection to a district server.</translation>
    </message>
    <message>
        <source>The district server&apos;s list of accounts cannot be read: %1</source>
        <translation>The district server&apos;s list of accounts cannot be read: %1</translation>
    </message>
    <message>
        <source>an entry is not a JSON object.</source>
        <translation>an entry is not a JSON object.</translation>
    </message>
    <message>
        <source>The district server&apos;s answer cannot be read: %1</source>
        <translation>The district server&apos;s answer cannot be read: %1</translation>
    </message>
    <message>
        <source>The district server&apos;s administrative log cannot be read: %1</source>
        <translation>The district server&apos;s administrative log cannot be read: %1</translation>
    </message>
</context>
<context>
    <name>gw::AccountConsoleDialog</name>
    <message>
        <source>Saved account %1 (%2).</source>
        <translation>Saved account %1 (%2).</translation>
    </message>
    <message>
        <source>The accounts could not be loaded: %1</source>
        <translation>The accounts could not be loaded: %1</translation>
    </message>
    <message>
        <source>The administrative log could not be loaded: %1</source>
        <translation>The administrative log could not be loaded: %1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Administrative log</source>
        <translation>Administrative log</translation>
    </message>
    <message>
        <source>Search login id, name or unit</source>
        <translation>Search login id, name or unit</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>All roles</translation>
    </message>
    <message>
        <source>Login id</source>
        <translation>Login id</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>What changed</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Load older entries</source>
        <translation>Load older entries</translation>
    </message>
    <message>
        <source>Only administrators manage accounts.</source>
        <translation>Only administrators manage accounts.</translation>
    </message>
    <message>
        <source>Working offline: accounts are managed on the district server. Sign in online to see and change them.</source>
        <translation>Working offline: accounts are managed on the district server. Sign in online to see and change them.</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) on the district server.</source>
        <translation>
            <numerusform>%n account on the district server.</numerusform>
            <numerusform>%n accounts on the district server.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>%1, must set a new password</source>
        <translation>%1, must set a new password</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>Disable %1 (%2)? Their sessions end at once and they cannot sign in, online or offline, until the account is enabled again. Their unsent work stays on their computer.</source>
        <translation>Disable %1 (%2)? Their sessions end at once and they cannot sign in, online or offline, until the account is enabled again. Their unsent work stays on their computer.</translation>
    </message>
    <message numerus="yes">
        <source>The administrative log is intact: %n entry(s), each linked to the one before.</source>
        <translation>
            <numerusform>The administrative log is intact: %n entry, each linked to the one before.</numerusform>
            <numerusform>The administrative log is intact: %n entrys, each linked to the one before.</numerusform>
        </translation>
    </message>
    <message>
        <source>The administrative log has been tampered with: %1</source>
        <translation>The administrative log has been tampered with: %1</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
</context>
<context>
    <name>gw::AccountFormDialog</name>
    <message>
        <source>New account</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>Change account %1</source>
        <translation>Change account %1</translation>
    </message>
    <message>
        <source>letters, digits, . _ -</source>
        <translation>letters, digits, . _ -</translation>
    </message>
    <message>
        <source>Account is enabled (can sign in)</source>
        <translation>Account is enabled (can sign in)</translation>
    </message>
    <message>
        <source>You cannot change your own role or disable your own account.</source>
        <translation>You cannot change your own role or disable your own account.</translation>
    </message>
    <message>
        <source>Login id:</source>
        <translation>Login id:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>Initial password:</source>
        <translation>Initial password:</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>Password again:</translation>
    </message>
    <message>
        <source>Must set a new password at the first sign-in</source>
        <translation>Must set a new password at the first sign-in</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>The two passwords are not the same.</translation>
    </message>
    <message>
        <source>Assessment administrator: may change the district&apos;s indicator sets</source>
        <translation>Assessment administrator: may change the district&apos;s indicator sets</translation>
    </message>
    <message>
        <source>A right beyond the role: given to the few people who keep the assessment&apos;s indicators, whatever their role.</source>
        <translation>A right beyond the role: given to the few people who keep the assessment&apos;s indicators, whatever their role.</translation>
    </message>
    <message>
        <source>Grants:</source>
        <translation>Grants:</translation>
    </message>
</context>
<context>
    <name>gw::AccountRules</name>
    <message>
        <source>A login id is 1 to 64 letters, digits, dots, dashes or underscores.</source>
        <translation>A login id is 1 to 64 letters, digits, dots, dashes or underscores.</translation>
    </message>
    <message>
        <source>The login id &quot;system&quot; is reserved for the server.</source>
        <translation>The login id &quot;system&quot; is reserved for the server.</translation>
    </message>
    <message>
        <source>A display name is 1 to %1 characters.</source>
        <translation>A display name is 1 to %1 characters.</translation>
    </message>
    <message>
        <source>The display name contains control characters.</source>
        <translation>The display name contains control characters.</translation>
    </message>
    <message>
        <source>Unknown org unit &quot;%1&quot;.</source>
        <translation>Unknown org unit &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>An account of a %1 must belong to %2, not to %3.</source>
        <translation>An account of a %1 must belong to %2, not to %3.</translation>
    </message>
    <message>
        <source>Unknown grant &quot;%1&quot;.</source>
        <translation>Unknown grant &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>A grant is listed twice.</source>
        <translation>A grant is listed twice.</translation>
    </message>
</context>
<context>
    <name>gw::AccountStore</name>
    <message>
        <source>The login id %1 is already taken.</source>
        <translation>The login id %1 is already taken.</translation>
    </message>
    <message>
        <source>creating account %1</source>
        <translation>creating account %1</translation>
    </message>
    <message>
        <source>There is no account %1.</source>
        <translation>There is no account %1.</translation>
    </message>
    <message>
        <source>updating account %1</source>
        <translation>updating account %1</translation>
    </message>
    <message>
        <source>setting the password of %1</source>
        <translation>setting the password of %1</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>checking a login</source>
        <translation>checking a login</translation>
    </message>
    <message>
        <source>Account %1 is disabled.</source>
        <translation>Account %1 is disabled.</translation>
    </message>
    <message>
        <source>issuing a session token</source>
        <translation>issuing a session token</translation>
    </message>
    <message>
        <source>Log in first: the request carries no bearer token.</source>
        <translation>Log in first: the request carries no bearer token.</translation>
    </message>
    <message>
        <source>The session token is not valid.</source>
        <translation>The session token is not valid.</translation>
    </message>
    <message>
        <source>The session has expired. Log in again.</source>
        <translation>The session has expired. Log in again.</translation>
    </message>
    <message>
        <source>checking a session token</source>
        <translation>checking a session token</translation>
    </message>
    <message>
        <source>The session token is not valid. Log in again.</source>
        <translation>The session token is not valid. Log in again.</translation>
    </message>
    <message>
        <source>The session was logged out or revoked. Log in again.</source>
        <translation>The session was logged out or revoked. Log in again.</translation>
    </message>
    <message>
        <source>The account of this session no longer exists.</source>
        <translation>The account of this session no longer exists.</translation>
    </message>
    <message>
        <source>revoking a session</source>
        <translation>revoking a session</translation>
    </message>
    <message>
        <source>revoking sessions</source>
        <translation>revoking sessions</translation>
    </message>
    <message>
        <source>The current password is not right.</source>
        <translation>The current password is not right.</translation>
    </message>
    <message>
        <source>changing the password of %1</source>
        <translation>changing the password of %1</translation>
    </message>
</context>
<context>
    <name>gw::AdminActions</name>
    <message>
        <source>&amp;Administration</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Accounts…</translation>
    </message>
    <message>
        <source>Create, change, disable accounts and reset passwords; the administrative log</source>
        <translation>Create, change, disable accounts and reset passwords; the administrative log</translation>
    </message>
    <message>
        <source>Work &amp;calendar…</source>
        <translation>Work &amp;calendar…</translation>
    </message>
    <message>
        <source>Public holidays and make-up workdays of each year, which every deadline is counted with</source>
        <translation>Public holidays and make-up workdays of each year, which every deadline is counted with</translation>
    </message>
    <message numerus="yes">
        <source>The work calendar ends in %n day(s): enter %1…</source>
        <translation>
            <numerusform>The work calendar ends in %n day: enter %1…</numerusform>
            <numerusform>The work calendar ends in %n days: enter %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>The work calendar has ended: enter %1…</source>
        <translation>The work calendar has ended: enter %1…</translation>
    </message>
    <message>
        <source>Deadlines after %1 count every weekday as a working day until the holidays of the next year are entered.</source>
        <translation>Deadlines after %1 count every weekday as a working day until the holidays of the next year are entered.</translation>
    </message>
    <message>
        <source>Categories and &amp;deadline rules…</source>
        <translation>Categories and &amp;deadline rules…</translation>
    </message>
    <message>
        <source>The departments&apos; check-in and handling deadlines and the step clocks of each category and urgency</source>
        <translation>The departments&apos; check-in and handling deadlines and the step clocks of each category and urgency</translation>
    </message>
    <message>
        <source>&amp;Org directory and grid cells…</source>
        <translation>&amp;Org directory and grid cells…</translation>
    </message>
    <message>
        <source>Streets, communities and their grid cells; departments and their duty contacts</source>
        <translation>Streets, communities and their grid cells; departments and their duty contacts</translation>
    </message>
    <message>
        <source>&amp;Phrase templates…</source>
        <translation>&amp;Phrase templates…</translation>
    </message>
    <message>
        <source>The district&apos;s common phrases (常用语) for each text field of the forms</source>
        <translation>The district&apos;s common phrases (常用语) for each text field of the forms</translation>
    </message>
    <message>
        <source>Assessment &amp;indicators…</source>
        <translation>Assessment &amp;indicators…</translation>
    </message>
    <message>
        <source>The indicator sets the months are assessed with, by the month each takes effect</source>
        <translation>The indicator sets the months are assessed with, by the month each takes effect</translation>
    </message>
</context>
<context>
    <name>gw::AdminLogEntry</name>
    <message>
        <source>administrative log entry</source>
        <translation>administrative log entry</translation>
    </message>
    <message>
        <source>An administrative log entry is numbered from 1.</source>
        <translation>An administrative log entry is numbered from 1.</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>Account created</translation>
    </message>
    <message>
        <source>Account changed</source>
        <translation>Account changed</translation>
    </message>
    <message>
        <source>Password reset by an administrator</source>
        <translation>Password reset by an administrator</translation>
    </message>
    <message>
        <source>Own password changed</source>
        <translation>Own password changed</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>role: %1 → %2</source>
        <translation>role: %1 → %2</translation>
    </message>
    <message>
        <source>unit: %1 → %2</source>
        <translation>unit: %1 → %2</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>enabled</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>name: %1 → %2</source>
        <translation>name: %1 → %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>%1, %2 of %3; active: %4; must set a new password: %5</source>
        <translation>%1, %2 of %3; active: %4; must set a new password: %5</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>must set a new password: %1</source>
        <translation>must set a new password: %1</translation>
    </message>
    <message>
        <source>Administrative log entry #%1 stands where #%2 should be: an entry was removed, inserted or moved.</source>
        <translation>Administrative log entry #%1 stands where #%2 should be: an entry was removed, inserted or moved.</translation>
    </message>
    <message>
        <source>Administrative log entry #%1 (%2, %3) was changed after it was recorded.</source>
        <translation>Administrative log entry #%1 (%2, %3) was changed after it was recorded.</translation>
    </message>
    <message>
        <source>Administrative log entry #%1 does not follow the entry before it.</source>
        <translation>Administrative log entry #%1 does not follow the entry before it.</translation>
    </message>
    <message>
        <source>Reference data imported</source>
        <translation>Reference data imported</translation>
    </message>
    <message>
        <source>Calendar year set</source>
        <translation>Calendar year set</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n holiday period(s), %2 make-up workday(s); version %3; %4</source>
        <translation>
            <numerusform>%1: %n holiday period, %2 make-up workday; version %3; %4</numerusform>
            <numerusform>%1: %n holiday periods, %2 make-up workdays; version %3; %4</numerusform>
        </translation>
    </message>
    <message>
        <source>version %1 from the data shipped with the server</source>
        <translation>version %1 from the data shipped with the server</translation>
    </message>
    <message>
        <source>Category rules set</source>
        <translation>Category rules set</translation>
    </message>
    <message>
        <source>no rule changed</source>
        <translation>no rule changed</translation>
    </message>
    <message>
        <source>%1 (%2%3): %4; version %5</source>
        <translation>%1 (%2%3): %4; version %5</translation>
    </message>
    <message>
        <source>, new</source>
        <translation>, new</translation>
    </message>
    <message>
        <source>Office hours set</source>
        <translation>Office hours set</translation>
    </message>
    <message>
        <source>%1–%2, %3–%4</source>
        <translation>%1–%2, %3–%4</translation>
    </message>
    <message>
        <source>%1 → %2; version %3</source>
        <translation>%1 → %2; version %3</translation>
    </message>
    <message>
        <source>Org unit set</source>
        <translation>Org unit set</translation>
    </message>
    <message>
        <source>Grid cell set</source>
        <translation>Grid cell set</translation>
    </message>
    <message>
        <source>added</source>
        <translation>added</translation>
    </message>
    <message>
        <source>nothing changed</source>
        <translation>nothing changed</translation>
    </message>
    <message>
        <source>Phrase templates set</source>
        <translation>Phrase templates set</translation>
    </message>
    <message>
        <source>added %1</source>
        <translation>added %1</translation>
    </message>
    <message>
        <source>removed %1</source>
        <translation>removed %1</translation>
    </message>
    <message>
        <source>order changed</source>
        <translation>order changed</translation>
    </message>
    <message>
        <source>%1: %2; version %3</source>
        <translation>%1: %2; version %3</translation>
    </message>
    <message>
        <source>Indicator set set</source>
        <translation>Indicator set set</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>grants: %1 → %2</source>
        <translation>grants: %1 → %2</translation>
    </message>
    <message>
        <source>%1 (%2) in force from %3%4; version %5</source>
        <translation>%1 (%2) in force from %3%4; version %5</translation>
    </message>
    <message>
        <source>, replacing the set of that month</source>
        <translation>, replacing the set of that month</translation>
    </message>
    <message>
        <source>Month&apos;s assessment published</source>
        <translation>Month&apos;s assessment published</translation>
    </message>
    <message>
        <source>%1, revision %2 (corrected: %3)</source>
        <translation>%1, revision %2 (corrected: %3)</translation>
    </message>
    <message>
        <source>%1; data up to server sequence %2; results %3</source>
        <translation>%1; data up to server sequence %2; results %3</translation>
    </message>
</context>
<context>
    <name>gw::AdminLogPage</name>
    <message>
        <source>administrative log</source>
        <translation>administrative log</translation>
    </message>
    <message>
        <source>Entry %1 of the administrative log cannot be read: %2</source>
        <translation>Entry %1 of the administrative log cannot be read: %2</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>it is not a JSON object.</translation>
    </message>
</context>
<context>
    <name>gw::AdministrativeLog</name>
    <message>
        <source>reading the administrative log</source>
        <translation>reading the administrative log</translation>
    </message>
    <message>
        <source>recording an administrative change</source>
        <translation>recording an administrative change</translation>
    </message>
</context>
<context>
    <name>gw::ApiServer</name>
    <message>
        <source>No such endpoint.</source>
        <translation>No such endpoint.</translation>
    </message>
    <message>
        <source>No such endpoint: %1</source>
        <translation>No such endpoint: %1</translation>
    </message>
    <message>
        <source>The request body has %1 bytes; at most %2 are accepted here.</source>
        <translation>The request body has %1 bytes; at most %2 are accepted here.</translation>
    </message>
    <message>
        <source>The request body is not valid UTF-8.</source>
        <translation>The request body is not valid UTF-8.</translation>
    </message>
    <message>
        <source>Send the request body as application/json.</source>
        <translation>Send the request body as application/json.</translation>
    </message>
    <message>
        <source>The request body is not valid JSON: %1 at byte %2.</source>
        <translation>The request body is not valid JSON: %1 at byte %2.</translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>The request body must be a JSON object.</translation>
    </message>
    <message>
        <source>%1 is not allowed on %2.</source>
        <translation>%1 is not allowed on %2.</translation>
    </message>
    <message>
        <source>Log in with a JSON object {&quot;user&quot;: text, &quot;password&quot;: text}.</source>
        <translation>Log in with a JSON object {&quot;user&quot;: text, &quot;password&quot;: text}.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Too many failed logins for %1. Wait %2 minutes and try again.</source>
        <translation>Too many failed logins for %1. Wait %2 minutes and try again.</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be a cursor returned by the server (digits, optionally one dot).</source>
        <translation>&quot;after&quot; must be a cursor returned by the server (digits, optionally one dot).</translation>
    </message>
    <message>
        <source>&quot;limit&quot; must be a whole number from 1 to %1.</source>
        <translation>&quot;limit&quot; must be a whole number from 1 to %1.</translation>
    </message>
    <message>
        <source>A case id is a UUID.</source>
        <translation>A case id is a UUID.</translation>
    </message>
    <message>
        <source>There is no case %1.</source>
        <translation>There is no case %1.</translation>
    </message>
    <message>
        <source>Case %1 is outside your area of responsibility.</source>
        <translation>Case %1 is outside your area of responsibility.</translation>
    </message>
    <message>
        <source>Only administrators manage accounts.</source>
        <translation>Only administrators manage accounts.</translation>
    </message>
    <message>
        <source>A new account needs a password.</source>
        <translation>A new account needs a password.</translation>
    </message>
    <message>
        <source>Field &quot;%1&quot; has the wrong type.</source>
        <translation>Field &quot;%1&quot; has the wrong type.</translation>
    </message>
    <message>
        <source>There is no account %1.</source>
        <translation>There is no account %1.</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation>Unknown role &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>You cannot disable your own account or take away your own administrator role.</source>
        <translation>You cannot disable your own account or take away your own administrator role.</translation>
    </message>
    <message>
        <source>Only administrators and supervisors see server statistics.</source>
        <translation>Only administrators and supervisors see server statistics.</translation>
    </message>
    <message>
        <source>Only administrators manage the city exchange.</source>
        <translation>Only administrators manage the city exchange.</translation>
    </message>
    <message>
        <source>The city exchange is not configured on this server (start it with --city-config).</source>
        <translation>The city exchange is not configured on this server (start it with --city-config).</translation>
    </message>
    <message>
        <source>%1 is not allowed here.</source>
        <translation>%1 is not allowed here.</translation>
    </message>
    <message>
        <source>A message id is a UUID.</source>
        <translation>A message id is a UUID.</translation>
    </message>
    <message>
        <source>No such city endpoint.</source>
        <translation>No such city endpoint.</translation>
    </message>
    <message>
        <source>The request body holds a raw control character at byte %1; JSON text must escape it.</source>
        <translation>The request body holds a raw control character at byte %1; JSON text must escape it.</translation>
    </message>
    <message>
        <source>The store reported an unknown push outcome &quot;%1&quot;.</source>
        <translation>The store reported an unknown push outcome &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Change a password with {&quot;current&quot;: text, &quot;new&quot;: text}.</source>
        <translation>Change a password with {&quot;current&quot;: text, &quot;new&quot;: text}.</translation>
    </message>
    <message>
        <source>Set a new password for %1 first; the current one was given to you by an administrator.</source>
        <translation>Set a new password for %1 first; the current one was given to you by an administrator.</translation>
    </message>
    <message>
        <source>Only administrators read the administrative log.</source>
        <translation>Only administrators read the administrative log.</translation>
    </message>
    <message>
        <source>&quot;before&quot; must be an entry number and &quot;limit&quot; a whole number from 1 to 1000.</source>
        <translation>&quot;before&quot; must be an entry number and &quot;limit&quot; a whole number from 1 to 1000.</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s reference data.</source>
        <translation>Only administrators change the district&apos;s reference data.</translation>
    </message>
    <message>
        <source>The year in the path (%1) and in the body (%2) differ.</source>
        <translation>The year in the path (%1) and in the body (%2) differ.</translation>
    </message>
    <message>
        <source>The category in the path (%1) and in the body (%2) differ.</source>
        <translation>The category in the path (%1) and in the body (%2) differ.</translation>
    </message>
    <message>
        <source>The code in the path (%1) and in the body (%2) differ.</source>
        <translation>The code in the path (%1) and in the body (%2) differ.</translation>
    </message>
    <message>
        <source>Send the phrases as {&quot;kind&quot;: text, &quot;phrases&quot;: [texts]}.</source>
        <translation>Send the phrases as {&quot;kind&quot;: text, &quot;phrases&quot;: [texts]}.</translation>
    </message>
    <message>
        <source>Only assessment administrators change the indicator sets.</source>
        <translation>Only assessment administrators change the indicator sets.</translation>
    </message>
    <message>
        <source>The reason must be text.</source>
        <translation>The reason must be text.</translation>
    </message>
    <message>
        <source>%1 is not open to a new indicator set: the assessment has been published up to %2, and a published month keeps the set it was published with. Choose a month after %2.</source>
        <translation>%1 is not open to a new indicator set: the assessment has been published up to %2, and a published month keeps the set it was published with. Choose a month after %2.</translation>
    </message>
    <message>
        <source>expect must be the 32 hex digits of a reference item&apos;s tag.</source>
        <translation>expect must be the 32 hex digits of a reference item&apos;s tag.</translation>
    </message>
</context>
<context>
    <name>gw::ApplicationContext</name>
    <message>
        <source>No data folder is set.</source>
        <translation>No data folder is set.</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1. Check that the disk is writable.</source>
        <translation>Cannot create the data folder %1. Check that the disk is writable.</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentClient</name>
    <message>
        <source>working offline, not connected to the district server</source>
        <translation>working offline, not connected to the district server</translation>
    </message>
    <message>
        <source>The district server&apos;s assessment cannot be read: %1</source>
        <translation>The district server&apos;s assessment cannot be read: %1</translation>
    </message>
    <message>
        <source>Working offline: a month is published on the district server. Sign in online to publish it.</source>
        <translation>Working offline: a month is published on the district server. Sign in online to publish it.</translation>
    </message>
    <message>
        <source>The district server&apos;s answer cannot be read: %1</source>
        <translation>The district server&apos;s answer cannot be read: %1</translation>
    </message>
    <message>
        <source>The local store is not open.</source>
        <translation>The local store is not open.</translation>
    </message>
    <message>
        <source>A publication is already under way; wait for its answer.</source>
        <translation>A publication is already under way; wait for its answer.</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentEngine</name>
    <message>
        <source>Whole district</source>
        <translation>Whole district</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentMetric</name>
    <message>
        <source>d</source>
        <comment>working days</comment>
        <translation>d</translation>
    </message>
    <message>
        <source>Cases registered</source>
        <translation>Cases registered</translation>
    </message>
    <message>
        <source>Cases whistled</source>
        <translation>Cases whistled</translation>
    </message>
    <message>
        <source>Cases closed</source>
        <translation>Cases closed</translation>
    </message>
    <message>
        <source>Whistle rate</source>
        <translation>Whistle rate</translation>
    </message>
    <message>
        <source>Close rate</source>
        <translation>Close rate</translation>
    </message>
    <message>
        <source>On-time check-in rate</source>
        <translation>On-time check-in rate</translation>
    </message>
    <message>
        <source>On-time handling rate</source>
        <translation>On-time handling rate</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>Rework rate</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Average handling time (working days)</source>
        <translation>Average handling time (working days)</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Postponement rate</source>
        <translation>Postponement rate</translation>
    </message>
    <message>
        <source>Returned assignments</source>
        <translation>Returned assignments</translation>
    </message>
    <message>
        <source>Community rating (1-5)</source>
        <translation>Community rating (1-5)</translation>
    </message>
    <message>
        <source>On-time step rate</source>
        <translation>On-time step rate</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentResultJson</name>
    <message>
        <source>assessment unit</source>
        <translation>assessment unit</translation>
    </message>
    <message>
        <source>The figure %1 of %2 is not a number.</source>
        <translation>The figure %1 of %2 is not a number.</translation>
    </message>
    <message>
        <source>%1 is not a kind of org unit.</source>
        <translation>%1 is not a kind of org unit.</translation>
    </message>
    <message>
        <source>An assessment unit is not a JSON object.</source>
        <translation>An assessment unit is not a JSON object.</translation>
    </message>
    <message>
        <source>assessment result</source>
        <translation>assessment result</translation>
    </message>
    <message>
        <source>assessment period</source>
        <translation>assessment period</translation>
    </message>
    <message>
        <source>The assessment period %1 ends before it starts.</source>
        <translation>The assessment period %1 ends before it starts.</translation>
    </message>
    <message>
        <source>The count of category %1 is not a number.</source>
        <translation>The count of category %1 is not a number.</translation>
    </message>
    <message>
        <source>The count of status %1 cannot be read.</source>
        <translation>The count of status %1 cannot be read.</translation>
    </message>
    <message>
        <source>month publication</source>
        <translation>month publication</translation>
    </message>
    <message>
        <source>Publication %1 of month %2 cannot be read.</source>
        <translation>Publication %1 of month %2 cannot be read.</translation>
    </message>
    <message>
        <source>month assessment</source>
        <translation>month assessment</translation>
    </message>
    <message>
        <source>%1 is not a month (yyyy-MM).</source>
        <translation>%1 is not a month (yyyy-MM).</translation>
    </message>
    <message>
        <source>assessment answer</source>
        <translation>assessment answer</translation>
    </message>
    <message>
        <source>The answer holds %1 months; at most %2 are asked for.</source>
        <translation>The answer holds %1 months; at most %2 are asked for.</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentSource</name>
    <message>
        <source>The local store is not open.</source>
        <translation>The local store is not open.</translation>
    </message>
    <message>
        <source>Cannot read cases for the assessment: %1</source>
        <translation>Cannot read cases for the assessment: %1</translation>
    </message>
    <message>
        <source>Loading cases was cancelled.</source>
        <translation>Loading cases was cancelled.</translation>
    </message>
    <message>
        <source>%1 stored cases could not be read and are missing from the figures.</source>
        <translation>%1 stored cases could not be read and are missing from the figures.</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentCheck</name>
    <message>
        <source>The file name &quot;%1&quot; points outside its folder.</source>
        <translation>The file name &quot;%1&quot; points outside its folder.</translation>
    </message>
    <message>
        <source>The attachment has no file name.</source>
        <translation>The attachment has no file name.</translation>
    </message>
    <message>
        <source>The file name &quot;%1&quot; must not start with a dot.</source>
        <translation>The file name &quot;%1&quot; must not start with a dot.</translation>
    </message>
    <message>
        <source>The file name is too long: %1 characters, at most 255.</source>
        <translation>The file name is too long: %1 characters, at most 255.</translation>
    </message>
    <message>
        <source>The file name &quot;%1&quot; contains characters a file name cannot have.</source>
        <translation>The file name &quot;%1&quot; contains characters a file name cannot have.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>The file %1 is empty.</translation>
    </message>
    <message>
        <source>The file %1 is %2 MB; attachments may be at most %3 MB.</source>
        <translation>The file %1 is %2 MB; attachments may be at most %3 MB.</translation>
    </message>
    <message>
        <source>Files of type &quot;%1&quot; cannot be attached; allowed are: %2.</source>
        <translation>Files of type &quot;%1&quot; cannot be attached; allowed are: %2.</translation>
    </message>
    <message>
        <source>The content of %1 is not a %2 file.</source>
        <translation>The content of %1 is not a %2 file.</translation>
    </message>
    <message>
        <source>The file name &quot;%1&quot; must be a plain file name without a folder.</source>
        <translation>The file name &quot;%1&quot; must be a plain file name without a folder.</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentDescriptor</name>
    <message>
        <source>attachment descriptor</source>
        <translation>attachment descriptor</translation>
    </message>
    <message>
        <source>The attachment id &quot;%1…&quot; is too long.</source>
        <translation>The attachment id &quot;%1…&quot; is too long.</translation>
    </message>
    <message>
        <source>The attachment %1 is larger than %2 MB.</source>
        <translation>The attachment %1 is larger than %2 MB.</translation>
    </message>
    <message>
        <source>The attachment %1 has no valid SHA-256 (64 lowercase hexadecimal digits).</source>
        <translation>The attachment %1 has no valid SHA-256 (64 lowercase hexadecimal digits).</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentList</name>
    <message>
        <source>Add files…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 is not a file.</translation>
    </message>
    <message>
        <source>%1 is %2; attachments may be at most %3 MB.</source>
        <translation>%1 is %2; attachments may be at most %3 MB.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>At most %1 attachments per action.</source>
        <translation>At most %1 attachments per action.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Add attachments</source>
        <translation>Add attachments</translation>
    </message>
    <message>
        <source>Allowed: %1; at most %2 MB each, %3 files.</source>
        <translation>Allowed: %1; at most %2 MB each, %3 files.</translation>
    </message>
    <message>
        <source>Photos and documents (%1)</source>
        <translation>Photos and documents (%1)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>on this computer</source>
        <translation>on this computer</translation>
    </message>
    <message>
        <source>downloading…</source>
        <translation>downloading…</translation>
    </message>
    <message>
        <source>on the server, download failed</source>
        <translation>on the server, download failed</translation>
    </message>
    <message>
        <source>on the server</source>
        <translation>on the server</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation>%1 (%2) — %3</translation>
    </message>
    <message>
        <source>Download and open</source>
        <translation>Download and open</translation>
    </message>
    <message>
        <source>%1 is only on the server, and this program cannot download it.</source>
        <translation>%1 is only on the server, and this program cannot download it.</translation>
    </message>
    <message>
        <source>Cannot write %1 to the temporary folder to open it: %2</source>
        <translation>Cannot write %1 to the temporary folder to open it: %2</translation>
    </message>
    <message>
        <source>No program on this computer opens %1.</source>
        <translation>No program on this computer opens %1.</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentRepository</name>
    <message>
        <source>The server database failed while %1: %2</source>
        <translation>The server database failed while %1: %2</translation>
    </message>
    <message>
        <source>storing an attachment</source>
        <translation>storing an attachment</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>starting a transaction</translation>
    </message>
    <message>
        <source>reading the attachment index position</source>
        <translation>reading the attachment index position</translation>
    </message>
    <message>
        <source>indexing attachment references</source>
        <translation>indexing attachment references</translation>
    </message>
    <message>
        <source>saving the attachment index position</source>
        <translation>saving the attachment index position</translation>
    </message>
    <message>
        <source>saving the attachment index</source>
        <translation>saving the attachment index</translation>
    </message>
    <message>
        <source>reading attachment references</source>
        <translation>reading attachment references</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentRoutes</name>
    <message>
        <source>Attachments are addressed as /api/v1/attachments/&lt;sha256&gt;.</source>
        <translation>Attachments are addressed as /api/v1/attachments/&lt;sha256&gt;.</translation>
    </message>
    <message>
        <source>The file has %1 bytes; attachments may be at most %2 MB.</source>
        <translation>The file has %1 bytes; attachments may be at most %2 MB.</translation>
    </message>
    <message>
        <source>An attachment is named by the SHA-256 of its content: 64 lowercase hexadecimal digits.</source>
        <translation>An attachment is named by the SHA-256 of its content: 64 lowercase hexadecimal digits.</translation>
    </message>
    <message>
        <source>%1 is not allowed on attachments; use PUT to upload and GET to download.</source>
        <translation>%1 is not allowed on attachments; use PUT to upload and GET to download.</translation>
    </message>
    <message>
        <source>Name the file: PUT /api/v1/attachments/&lt;sha256&gt;?name=&lt;file name&gt;.</source>
        <translation>Name the file: PUT /api/v1/attachments/&lt;sha256&gt;?name=&lt;file name&gt;.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>The file %1 is empty.</translation>
    </message>
    <message>
        <source>The file&apos;s content has SHA-256 %1, not %2 as named: it was changed or cut off on the way. Nothing was stored.</source>
        <translation>The file&apos;s content has SHA-256 %1, not %2 as named: it was changed or cut off on the way. Nothing was stored.</translation>
    </message>
    <message>
        <source>The file %1 was sent as %2, but its content is %3.</source>
        <translation>The file %1 was sent as %2, but its content is %3.</translation>
    </message>
    <message>
        <source>There is no attachment %1.</source>
        <translation>There is no attachment %1.</translation>
    </message>
    <message>
        <source>No case refers to this attachment, so nobody may download it.</source>
        <translation>No case refers to this attachment, so nobody may download it.</translation>
    </message>
    <message>
        <source>The attachment belongs only to cases outside your area of responsibility.</source>
        <translation>The attachment belongs only to cases outside your area of responsibility.</translation>
    </message>
    <message>
        <source>The attachment has not reached the server yet: the device that added it uploads it with its next sync. Try again later.</source>
        <translation>The attachment has not reached the server yet: the device that added it uploads it with its next sync. Try again later.</translation>
    </message>
    <message>
        <source>The attachment could not be read from the server database.</source>
        <translation>The attachment could not be read from the server database.</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentStore</name>
    <message>
        <source>The attachment names no valid case.</source>
        <translation>The attachment names no valid case.</translation>
    </message>
    <message>
        <source>storing an attachment</source>
        <translation>storing an attachment</translation>
    </message>
    <message>
        <source>marking an attachment uploaded</source>
        <translation>marking an attachment uploaded</translation>
    </message>
    <message>
        <source>There is no attachment %1.</source>
        <translation>There is no attachment %1.</translation>
    </message>
    <message>
        <source>The downloaded file %1 is not the one the case names (checksum differs).</source>
        <translation>The downloaded file %1 is not the one the case names (checksum differs).</translation>
    </message>
    <message>
        <source>storing a downloaded attachment</source>
        <translation>storing a downloaded attachment</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentTransfer</name>
    <message numerus="yes">
        <source>%n file(s) could not be uploaded.</source>
        <translation>
            <numerusform>%n file could not be uploaded.</numerusform>
            <numerusform>%n files could not be uploaded.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be read from the local data file.</source>
        <translation>%1 cannot be read from the local data file.</translation>
    </message>
    <message>
        <source>Uploading %1 failed: %2</source>
        <translation>Uploading %1 failed: %2</translation>
    </message>
    <message>
        <source>The server refused %1: %2</source>
        <translation>The server refused %1: %2</translation>
    </message>
    <message>
        <source>The case names the file %1 without a valid checksum; it cannot be fetched.</source>
        <translation>The case names the file %1 without a valid checksum; it cannot be fetched.</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2</source>
        <translation>Downloading %1 failed: %2</translation>
    </message>
    <message>
        <source>The case names the file %1 in a form that cannot be read: %2</source>
        <translation>The case names the file %1 in a form that cannot be read: %2</translation>
    </message>
</context>
<context>
    <name>gw::AuditChain</name>
    <message>
        <source>Event %1 belongs to another case.</source>
        <translation>Event %1 belongs to another case.</translation>
    </message>
    <message>
        <source>Event #%1 is missing before event %2.</source>
        <translation>Event #%1 is missing before event %2.</translation>
    </message>
    <message>
        <source>Event %1 claims position #%2 but stands at #%3.</source>
        <translation>Event %1 claims position #%2 but stands at #%3.</translation>
    </message>
    <message>
        <source>Event #%1 (%2) was changed after it was recorded.</source>
        <translation>Event #%1 (%2) was changed after it was recorded.</translation>
    </message>
    <message>
        <source>Event #%1 does not follow the event before it.</source>
        <translation>Event #%1 does not follow the event before it.</translation>
    </message>
</context>
<context>
    <name>gw::AuditVerifier</name>
    <message>
        <source>the stored event cannot be read (%1).</source>
        <translation>the stored event cannot be read (%1).</translation>
    </message>
    <message>
        <source>the stored columns (id, case, position, hash) disagree with the event body.</source>
        <translation>the stored columns (id, case, position, hash) disagree with the event body.</translation>
    </message>
    <message>
        <source>events exist for a case that has no case record.</source>
        <translation>events exist for a case that has no case record.</translation>
    </message>
    <message>
        <source>the case record ends at position %1 but the stored chain has %2 events (events removed or added after the last one).</source>
        <translation>the case record ends at position %1 but the stored chain has %2 events (events removed or added after the last one).</translation>
    </message>
    <message>
        <source>the events do not replay: %1</source>
        <translation>the events do not replay: %1</translation>
    </message>
    <message>
        <source>the stored case state differs from the state its events produce.</source>
        <translation>the stored case state differs from the state its events produce.</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>not a JSON object</translation>
    </message>
    <message>
        <source>the case record exists but all its events are gone.</source>
        <translation>the case record exists but all its events are gone.</translation>
    </message>
    <message>
        <source>the global event log has no event at server sequence %1 to %2 (deleted).</source>
        <translation>the global event log has no event at server sequence %1 to %2 (deleted).</translation>
    </message>
    <message>
        <source>Usage: gridwhistle-server verify --data-dir DIR [--database URL] [--config FILE]</source>
        <translation>Usage: gridwhistle-server verify --data-dir DIR [--database URL] [--config FILE]</translation>
    </message>
    <message>
        <source>There is no server database %1.</source>
        <translation>There is no server database %1.</translation>
    </message>
    <message>
        <source>Cannot verify the audit trail: %1</source>
        <translation>Cannot verify the audit trail: %1</translation>
    </message>
    <message>
        <source>event log</source>
        <translation>event log</translation>
    </message>
    <message>
        <source>case %1</source>
        <translation>case %1</translation>
    </message>
    <message>
        <source>case %1 (%2)</source>
        <translation>case %1 (%2)</translation>
    </message>
    <message>
        <source>, event %1</source>
        <translation>, event %1</translation>
    </message>
    <message>
        <source>, server sequence %1</source>
        <translation>, server sequence %1</translation>
    </message>
    <message>
        <source>TAMPERED: %1: %2</source>
        <translation>TAMPERED: %1: %2</translation>
    </message>
    <message>
        <source>The audit trail is intact.</source>
        <translation>The audit trail is intact.</translation>
    </message>
    <message>
        <source>The audit trail has been tampered with: %1 finding(s).</source>
        <translation>The audit trail has been tampered with: %1 finding(s).</translation>
    </message>
    <message>
        <source>Checked %1 events of %2 cases and %3 administrative log entries.</source>
        <translation>Checked %1 events of %2 cases and %3 administrative log entries.</translation>
    </message>
    <message>
        <source>administrative log</source>
        <translation>administrative log</translation>
    </message>
    <message numerus="yes">
        <source>Recomputed %n published month(s) from the case events.</source>
        <translation>
            <numerusform>Recomputed %n published month from the case events.</numerusform>
            <numerusform>Recomputed %n published months from the case events.</numerusform>
        </translation>
    </message>
    <message>
        <source>published assessment %1</source>
        <translation>published assessment %1</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(all)</translation>
    </message>
</context>
<context>
    <name>gw::BulkActions</name>
    <message>
        <source>The case is not in the local store.</source>
        <translation>The case is not in the local store.</translation>
    </message>
    <message>
        <source>These departments are already summoned to this case.</source>
        <translation>These departments are already summoned to this case.</translation>
    </message>
    <message numerus="yes">
        <source>Review %n case(s)</source>
        <translation>
            <numerusform>Review %n case</numerusform>
            <numerusform>Review %n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Return for analysis</source>
        <translation>Return for analysis</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Required when returning or rejecting; the same reason for every case</source>
        <translation>Required when returning or rejecting; the same reason for every case</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Each case is checked on its own; cases that cannot be reviewed now are listed afterwards with the reason.</source>
        <translation>Each case is checked on its own; cases that cannot be reviewed now are listed afterwards with the reason.</translation>
    </message>
    <message>
        <source>Give the reason for returning or rejecting.</source>
        <translation>Give the reason for returning or rejecting.</translation>
    </message>
    <message>
        <source>Bulk review</source>
        <translation>Bulk review</translation>
    </message>
    <message numerus="yes">
        <source>Whistle %n case(s) to the same departments</source>
        <translation>
            <numerusform>Whistle %n case to the same departments</numerusform>
            <numerusform>Whistle %n cases to the same departments</numerusform>
        </translation>
    </message>
    <message>
        <source>Lead department (主办)</source>
        <translation>Lead department (主办)</translation>
    </message>
    <message>
        <source>Assisting (协办)</source>
        <translation>Assisting (协办)</translation>
    </message>
    <message>
        <source>Deadlines follow each case&apos;s category and urgency. Each case is checked on its own; refused cases are listed afterwards with the reason.</source>
        <translation>Deadlines follow each case&apos;s category and urgency. Each case is checked on its own; refused cases are listed afterwards with the reason.</translation>
    </message>
    <message>
        <source>Bulk whistle</source>
        <translation>Bulk whistle</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n case(s) done, %2 refused.</source>
        <translation>
            <numerusform>%1 of %n case done, %2 refused.</numerusform>
            <numerusform>%1 of %n cases done, %2 refused.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>gw::CalendarAdminDialog</name>
    <message>
        <source>Saving %1 on the district server…</source>
        <translation>Saving %1 on the district server…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Saved the %1 calendar as version %2 of the district&apos;s calendar. Every computer uses it after its next sync; this one already does.</source>
        <translation>Saved the %1 calendar as version %2 of the district&apos;s calendar. Every computer uses it after its next sync; this one already does.</translation>
    </message>
    <message>
        <source>Notice:</source>
        <translation>Notice:</translation>
    </message>
    <message>
        <source>Working offline: the calendar is shown as last synced and cannot be changed. It is kept on the district server; sign in online to change it.</source>
        <translation>Working offline: the calendar is shown as last synced and cannot be changed. It is kept on the district server; sign in online to change it.</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s work calendar.</source>
        <translation>Only administrators change the district&apos;s work calendar.</translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation>Work calendar</translation>
    </message>
    <message>
        <source>Add a year…</source>
        <translation>Add a year…</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <source>e.g. 国办发明电〔2026〕7号</source>
        <translation>e.g. 国办发明电〔2026〕7号</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>Days off</source>
        <translation>Days off</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>Make-up workday</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>Public holidays</source>
        <translation>Public holidays</translation>
    </message>
    <message>
        <source>Make-up workdays (调休上班)</source>
        <translation>Make-up workdays (调休上班)</translation>
    </message>
    <message>
        <source>Add holiday</source>
        <translation>Add holiday</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Add make-up workday</source>
        <translation>Add make-up workday</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>Save on the server</translation>
    </message>
    <message>
        <source>The district&apos;s work calendar, version %1, changed by %2 at %3.</source>
        <translation>The district&apos;s work calendar, version %1, changed by %2 at %3.</translation>
    </message>
    <message>
        <source>The work calendar shipped with GridWhistle; the district server&apos;s arrives with the next sync.</source>
        <translation>The work calendar shipped with GridWhistle; the district server&apos;s arrives with the next sync.</translation>
    </message>
    <message numerus="yes">
        <source>It ends on %1, in %n day(s): deadlines after that count every weekday as a working day. Enter %2 now.</source>
        <translation>
            <numerusform>It ends on %1, in %n day: deadlines after that count every weekday as a working day. Enter %2 now.</numerusform>
            <numerusform>It ends on %1, in %n days: deadlines after that count every weekday as a working day. Enter %2 now.</numerusform>
        </translation>
    </message>
    <message>
        <source>It ended on %1: deadlines now count every weekday as a working day. Enter %2 now.</source>
        <translation>It ended on %1: deadlines now count every weekday as a working day. Enter %2 now.</translation>
    </message>
    <message>
        <source>It covers the years up to %1.</source>
        <translation>It covers the years up to %1.</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1 (not saved)</translation>
    </message>
    <message>
        <source>Add a year</source>
        <translation>Add a year</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>Enter the holidays and make-up workdays of %1 as the State Council&apos;s notice gives them, then save.</source>
        <translation>Enter the holidays and make-up workdays of %1 as the State Council&apos;s notice gives them, then save.</translation>
    </message>
    <message>
        <source>Holidays and make-up workdays of %1</source>
        <translation>Holidays and make-up workdays of %1</translation>
    </message>
    <message>
        <source>Not yet right: %1</source>
        <translation>Not yet right: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n holiday period(s)</source>
        <translation>
            <numerusform>%n holiday period</numerusform>
            <numerusform>%n holiday periods</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) off</source>
        <translation>
            <numerusform>%n day off</numerusform>
            <numerusform>%n days off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n make-up workday(s)</source>
        <translation>
            <numerusform>%n make-up workday</numerusform>
            <numerusform>%n make-up workdays</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has %2 working days.</source>
        <translation>%1 has %2 working days.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is too large for a calendar (at most %2 KiB).</source>
        <translation>%1 is too large for a calendar (at most %2 KiB).</translation>
    </message>
    <message>
        <source>%1 is not a calendar: %2</source>
        <translation>%1 is not a calendar: %2</translation>
    </message>
    <message>
        <source>%1 holds no calendar year.</source>
        <translation>%1 holds no calendar year.</translation>
    </message>
    <message>
        <source>%1 holds nothing the district server does not have already.</source>
        <translation>%1 holds nothing the district server does not have already.</translation>
    </message>
    <message>
        <source>Imported %1 from %2: check each year against the notice, then save it.</source>
        <translation>Imported %1 from %2: check each year against the notice, then save it.</translation>
    </message>
    <message>
        <source>Import a work calendar</source>
        <translation>Import a work calendar</translation>
    </message>
    <message>
        <source>Calendar files (*.json)</source>
        <translation>Calendar files (*.json)</translation>
    </message>
    <message>
        <source>Saved the office hours as version %1 of the district&apos;s calendar. Step clocks on every computer count with them after its next sync; this one already does.</source>
        <translation>Saved the office hours as version %1 of the district&apos;s calendar. Step clocks on every computer count with them after its next sync; this one already does.</translation>
    </message>
</context>
<context>
    <name>gw::CalendarYear</name>
    <message>
        <source>A calendar year is from 2000 to 2100, not %1.</source>
        <translation>A calendar year is from 2000 to 2100, not %1.</translation>
    </message>
    <message>
        <source>A year holds at most %1 holiday periods and %2 make-up workdays.</source>
        <translation>A year holds at most %1 holiday periods and %2 make-up workdays.</translation>
    </message>
    <message>
        <source>The notice is at most %1 characters.</source>
        <translation>The notice is at most %1 characters.</translation>
    </message>
    <message>
        <source>a holiday</source>
        <translation>a holiday</translation>
    </message>
    <message>
        <source>A holiday name is at most %1 characters.</source>
        <translation>A holiday name is at most %1 characters.</translation>
    </message>
    <message>
        <source>%1: every day must fall in %2.</source>
        <translation>%1: every day must fall in %2.</translation>
    </message>
    <message>
        <source>%1 ends (%2) before it starts (%3).</source>
        <translation>%1 ends (%2) before it starts (%3).</translation>
    </message>
    <message>
        <source>%1 and %2 overlap (%3).</source>
        <translation>%1 and %2 overlap (%3).</translation>
    </message>
    <message>
        <source>The make-up workday %1 is not in %2.</source>
        <translation>The make-up workday %1 is not in %2.</translation>
    </message>
    <message>
        <source>%1 is a weekday; a make-up workday (调休) is a Saturday or Sunday.</source>
        <translation>%1 is a weekday; a make-up workday (调休) is a Saturday or Sunday.</translation>
    </message>
    <message>
        <source>The make-up workday %1 falls inside %2.</source>
        <translation>The make-up workday %1 falls inside %2.</translation>
    </message>
    <message>
        <source>The make-up workday %1 is listed twice.</source>
        <translation>The make-up workday %1 is listed twice.</translation>
    </message>
    <message>
        <source>A calendar year needs &quot;year&quot; as a whole number.</source>
        <translation>A calendar year needs &quot;year&quot; as a whole number.</translation>
    </message>
    <message>
        <source>&quot;notice&quot; must be text.</source>
        <translation>&quot;notice&quot; must be text.</translation>
    </message>
    <message>
        <source>&quot;holidays&quot; must be a list of {name, from, to}.</source>
        <translation>&quot;holidays&quot; must be a list of {name, from, to}.</translation>
    </message>
    <message>
        <source>A holiday is {&quot;name&quot;: text, &quot;from&quot;: YYYY-MM-DD, &quot;to&quot;: YYYY-MM-DD}.</source>
        <translation>A holiday is {&quot;name&quot;: text, &quot;from&quot;: YYYY-MM-DD, &quot;to&quot;: YYYY-MM-DD}.</translation>
    </message>
    <message>
        <source>&quot;extraWorkdays&quot; must be a list of dates.</source>
        <translation>&quot;extraWorkdays&quot; must be a list of dates.</translation>
    </message>
    <message>
        <source>Calendar date &quot;%1&quot; is not YYYY-MM-DD.</source>
        <translation>Calendar date &quot;%1&quot; is not YYYY-MM-DD.</translation>
    </message>
</context>
<context>
    <name>gw::CaseActionDialog</name>
    <message>
        <source>Analyze (研判)</source>
        <translation>Analyze (研判)</translation>
    </message>
    <message>
        <source>Review (审核)</source>
        <translation>Review (审核)</translation>
    </message>
    <message>
        <source>Summon more departments</source>
        <translation>Summon more departments</translation>
    </message>
    <message>
        <source>Blow the whistle (吹哨)</source>
        <translation>Blow the whistle (吹哨)</translation>
    </message>
    <message>
        <source>Check in (报到)</source>
        <translation>Check in (报到)</translation>
    </message>
    <message>
        <source>Return the assignment (退回)</source>
        <translation>Return the assignment (退回)</translation>
    </message>
    <message>
        <source>Handling feedback (处置反馈)</source>
        <translation>Handling feedback (处置反馈)</translation>
    </message>
    <message>
        <source>Request a postponement (延期申请)</source>
        <translation>Request a postponement (延期申请)</translation>
    </message>
    <message>
        <source>Decide on a postponement (延期审批)</source>
        <translation>Decide on a postponement (延期审批)</translation>
    </message>
    <message>
        <source>Street handling result</source>
        <translation>Street handling result</translation>
    </message>
    <message>
        <source>Verify the result (核查)</source>
        <translation>Verify the result (核查)</translation>
    </message>
    <message>
        <source>Close the case (结案)</source>
        <translation>Close the case (结案)</translation>
    </message>
    <message>
        <source>Escalate to the city (上报市级)</source>
        <translation>Escalate to the city (上报市级)</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Comment (线上协同)</source>
        <translation>Comment (线上协同)</translation>
    </message>
    <message>
        <source>Resume (恢复)</source>
        <translation>Resume (恢复)</translation>
    </message>
    <message>
        <source>Put on hold (缓办)</source>
        <translation>Put on hold (缓办)</translation>
    </message>
    <message>
        <source>Rate a department</source>
        <translation>Rate a department</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1  %2
Status: %3</source>
        <translation>%1  %2
Status: %3</translation>
    </message>
    <message>
        <source>Last returned/rejected by %1: %2</source>
        <translation>Last returned/rejected by %1: %2</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>(UTC+8)</source>
        <translation>(UTC+8)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Needs a whistle (吹哨)</source>
        <translation>Needs a whistle (吹哨)</translation>
    </message>
    <message>
        <source>Street handles it (街道自办)</source>
        <translation>Street handles it (街道自办)</translation>
    </message>
    <message>
        <source>Duplicate: merge</source>
        <translation>Duplicate: merge</translation>
    </message>
    <message>
        <source>Analysis note</source>
        <translation>Analysis note</translation>
    </message>
    <message>
        <source>Required when the street handles it or it is merged</source>
        <translation>Required when the street handles it or it is merged</translation>
    </message>
    <message>
        <source>Street deadline</source>
        <translation>Street deadline</translation>
    </message>
    <message>
        <source>Number (PL-…) or id of the case this one duplicates</source>
        <translation>Number (PL-…) or id of the case this one duplicates</translation>
    </message>
    <message>
        <source>Duplicate of</source>
        <translation>Duplicate of</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Return for analysis</source>
        <translation>Return for analysis</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Required when returning or rejecting</source>
        <translation>Required when returning or rejecting</translation>
    </message>
    <message>
        <source>Assisting departments</source>
        <translation>Assisting departments</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>Note to the departments</source>
        <translation>Note to the departments</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Check-in due</source>
        <translation>Check-in due</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Optional: who handles it, first steps</source>
        <translation>Optional: who handles it, first steps</translation>
    </message>
    <message>
        <source>Reason for returning</source>
        <translation>Reason for returning</translation>
    </message>
    <message>
        <source>Why this case is not your department&apos;s responsibility</source>
        <translation>Why this case is not your department&apos;s responsibility</translation>
    </message>
    <message>
        <source>Handling feedback</source>
        <translation>Handling feedback</translation>
    </message>
    <message>
        <source>What was done, with what result</source>
        <translation>What was done, with what result</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Current deadline</source>
        <translation>Current deadline</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>New deadline</translation>
    </message>
    <message>
        <source>Reason for postponement</source>
        <translation>Reason for postponement</translation>
    </message>
    <message>
        <source>Why more time is needed</source>
        <translation>Why more time is needed</translation>
    </message>
    <message>
        <source>%1: to %2 (now %3) — %4</source>
        <translation>%1: to %2 (now %3) — %4</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Deny</translation>
    </message>
    <message>
        <source>Required when denying</source>
        <translation>Required when denying</translation>
    </message>
    <message>
        <source>What the street did, with what result</source>
        <translation>What the street did, with what result</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Street: %1</source>
        <translation>Street: %1</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Rework (返工)</source>
        <translation>Rework (返工)</translation>
    </message>
    <message>
        <source>Reason for rework</source>
        <translation>Reason for rework</translation>
    </message>
    <message>
        <source>Required for rework</source>
        <translation>Required for rework</translation>
    </message>
    <message>
        <source>Rework deadline</source>
        <translation>Rework deadline</translation>
    </message>
    <message>
        <source>Closing summary</source>
        <translation>Closing summary</translation>
    </message>
    <message>
        <source>Callback result</source>
        <translation>Callback result</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Who was called (name or phone)</source>
        <translation>Who was called (name or phone)</translation>
    </message>
    <message>
        <source>Callback contact</source>
        <translation>Callback contact</translation>
    </message>
    <message>
        <source>Called by</source>
        <translation>Called by</translation>
    </message>
    <message>
        <source>Reason for escalation</source>
        <translation>Reason for escalation</translation>
    </message>
    <message>
        <source>Why the city must act</source>
        <translation>Why the city must act</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Resume the case</source>
        <translation>Resume the case</translation>
    </message>
    <message>
        <source>Put the case on hold (缓办)</source>
        <translation>Put the case on hold (缓办)</translation>
    </message>
    <message>
        <source> / 5</source>
        <translation> / 5</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Visible to everyone working on this case</source>
        <translation>Visible to everyone working on this case</translation>
    </message>
    <message>
        <source>This text is too long: %1 characters, at most %2.</source>
        <translation>This text is too long: %1 characters, at most %2.</translation>
    </message>
    <message>
        <source>Choose one.</source>
        <translation>Choose one.</translation>
    </message>
    <message>
        <source>There is no department to choose.</source>
        <translation>There is no department to choose.</translation>
    </message>
    <message>
        <source>Name the case this one duplicates.</source>
        <translation>Name the case this one duplicates.</translation>
    </message>
    <message>
        <source>No case %1 in this store.</source>
        <translation>No case %1 in this store.</translation>
    </message>
    <message>
        <source>Choose the departments to summon.</source>
        <translation>Choose the departments to summon.</translation>
    </message>
    <message>
        <source>Choose the lead department (主办).</source>
        <translation>Choose the lead department (主办).</translation>
    </message>
    <message>
        <source>Record the callback result.</source>
        <translation>Record the callback result.</translation>
    </message>
    <message>
        <source>This action is not made from this form.</source>
        <translation>This action is not made from this form.</translation>
    </message>
    <message>
        <source>Not saved. Please correct the field marked in red.</source>
        <translation>Not saved. Please correct the field marked in red.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>Please correct the fields marked in red.</translation>
    </message>
    <message>
        <source>Needed when a deadline is later than the category&apos;s rule</source>
        <translation>Needed when a deadline is later than the category&apos;s rule</translation>
    </message>
    <message>
        <source>Reason for a longer deadline</source>
        <translation>Reason for a longer deadline</translation>
    </message>
</context>
<context>
    <name>gw::CaseDetailWidget</name>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Choose a case in the list to see it here.</source>
        <translation>Choose a case in the list to see it here.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Street / community</source>
        <translation>Street / community</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Grid cell</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <source>Longitude, latitude</source>
        <translation>Longitude, latitude</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analysis</translation>
    </message>
    <message>
        <source>Street handling</source>
        <translation>Street handling</translation>
    </message>
    <message>
        <source>Escalation / hold</source>
        <translation>Escalation / hold</translation>
    </message>
    <message>
        <source>Callback / rework</source>
        <translation>Callback / rework</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Departments (吹哨报到)</source>
        <translation>Departments (吹哨报到)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Check-in due</source>
        <translation>Check-in due</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>Handling due</source>
        <translation>Handling due</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>Postponement</source>
        <translation>Postponement</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>Timeline (吹哨全留痕)</source>
        <translation>Timeline (吹哨全留痕)</translation>
    </message>
    <message>
        <source>This case is not in the local store (yet). Sync to fetch it.</source>
        <translation>This case is not in the local store (yet). Sync to fetch it.</translation>
    </message>
    <message>
        <source>Case %1 is outside your area of responsibility.</source>
        <translation>Case %1 is outside your area of responsibility.</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>On hold</translation>
    </message>
    <message>
        <source>Escalated to the city</source>
        <translation>Escalated to the city</translation>
    </message>
    <message>
        <source> (into %1)</source>
        <translation> (into %1)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 by %2</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <source>escalated: %1</source>
        <translation>escalated: %1</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>on hold</translation>
    </message>
    <message numerus="yes">
        <source>reworked %n time(s)</source>
        <translation>
            <numerusform>reworked %n time</numerusform>
            <numerusform>reworked %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>reopened %n time(s)</source>
        <translation>
            <numerusform>reopened %n time</numerusform>
            <numerusform>reopened %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>Lead 主办</source>
        <translation>Lead 主办</translation>
    </message>
    <message>
        <source>Assist 协办</source>
        <translation>Assist 协办</translation>
    </message>
    <message>
        <source>Returned by %1: %2</source>
        <translation>Returned by %1: %2</translation>
    </message>
    <message>
        <source>Waiting: to %1 — %2</source>
        <translation>Waiting: to %1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>Postponed %n time(s)</source>
        <translation>
            <numerusform>Postponed %n time</numerusform>
            <numerusform>Postponed %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / 5</source>
        <translation>%1 / 5</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <source>returned for analysis</source>
        <translation>returned for analysis</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>returned the assignment of %1</source>
        <translation>returned the assignment of %1</translation>
    </message>
    <message>
        <source>sent back for rework</source>
        <translation>sent back for rework</translation>
    </message>
    <message>
        <source>denied the postponement of %1</source>
        <translation>denied the postponement of %1</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>reopened</translation>
    </message>
    <message>
        <source>%1  %2 (%3) %4: %5</source>
        <translation>%1  %2 (%3) %4: %5</translation>
    </message>
    <message>
        <source>Returns and rejections:
%1</source>
        <translation>Returns and rejections:
%1</translation>
    </message>
    <message>
        <source>Nothing for you to do on this case now.</source>
        <translation>Nothing for you to do on this case now.</translation>
    </message>
    <message>
        <source>Files (附件)</source>
        <translation>Files (附件)</translation>
    </message>
    <message>
        <source>Print case…</source>
        <translation>Print case…</translation>
    </message>
    <message>
        <source>Print this case&apos;s sheet (哨件单) with a preview first (Ctrl+P)</source>
        <translation>Print this case&apos;s sheet (哨件单) with a preview first (Ctrl+P)</translation>
    </message>
    <message>
        <source>%1 (weekdays only)</source>
        <translation>%1 (weekdays only)</translation>
    </message>
</context>
<context>
    <name>gw::CaseEvent</name>
    <message>
        <source>Event field &quot;%1&quot; must be a string.</source>
        <translation>Event field &quot;%1&quot; must be a string.</translation>
    </message>
    <message>
        <source>Event id &quot;%1&quot; is not a UUID.</source>
        <translation>Event id &quot;%1&quot; is not a UUID.</translation>
    </message>
    <message>
        <source>Case id &quot;%1&quot; is not a UUID.</source>
        <translation>Case id &quot;%1&quot; is not a UUID.</translation>
    </message>
    <message>
        <source>Event caseSeq must be a positive whole number.</source>
        <translation>Event caseSeq must be a positive whole number.</translation>
    </message>
    <message>
        <source>Unknown event type &quot;%1&quot;.</source>
        <translation>Unknown event type &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Event payload must be a JSON object.</source>
        <translation>Event payload must be a JSON object.</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation>Unknown role &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Actor, org unit and device must be at most 64 characters.</source>
        <translation>Actor, org unit and device must be at most 64 characters.</translation>
    </message>
    <message>
        <source>Event clientTime is not an ISO 8601 time.</source>
        <translation>Event clientTime is not an ISO 8601 time.</translation>
    </message>
    <message>
        <source>Event prev must be a hex SHA-256 or empty.</source>
        <translation>Event prev must be a hex SHA-256 or empty.</translation>
    </message>
    <message>
        <source>Event hash must be a hex SHA-256.</source>
        <translation>Event hash must be a hex SHA-256.</translation>
    </message>
    <message>
        <source>Event actor must not be empty.</source>
        <translation>Event actor must not be empty.</translation>
    </message>
    <message>
        <source>Event clientTime must name its time zone (&quot;Z&quot; or an offset).</source>
        <translation>Event clientTime must name its time zone (&quot;Z&quot; or an offset).</translation>
    </message>
    <message>
        <source>Event serverSeq must be a positive whole number.</source>
        <translation>Event serverSeq must be a positive whole number.</translation>
    </message>
    <message>
        <source>Event serverTime is not an ISO 8601 time with a time zone.</source>
        <translation>Event serverTime is not an ISO 8601 time with a time zone.</translation>
    </message>
    <message>
        <source>Event clientTime must lie between the years 1 and 9999 in UTC.</source>
        <translation>Event clientTime must lie between the years 1 and 9999 in UTC.</translation>
    </message>
    <message>
        <source>Event serverTime must lie between the years 1 and 9999 in UTC.</source>
        <translation>Event serverTime must lie between the years 1 and 9999 in UTC.</translation>
    </message>
</context>
<context>
    <name>gw::CaseFilterBar</name>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Any street</source>
        <translation>Any street</translation>
    </message>
    <message>
        <source>Any department</source>
        <translation>Any department</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>Any category</translation>
    </message>
    <message>
        <source>Any urgency</source>
        <translation>Any urgency</translation>
    </message>
    <message>
        <source>Search number, title, description, address (Ctrl+F)</source>
        <translation>Search number, title, description, address (Ctrl+F)</translation>
    </message>
    <message>
        <source>Full-text search; results update as you type</source>
        <translation>Full-text search; results update as you type</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Only cases registered in this date range (both days included)</source>
        <translation>Only cases registered in this date range (both days included)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Department summoned to the case</source>
        <translation>Department summoned to the case</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
</context>
<context>
    <name>gw::CaseListActions</name>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <source>Approve, return or reject every selected case at once (审核)</source>
        <translation>Approve, return or reject every selected case at once (审核)</translation>
    </message>
    <message>
        <source>Whistle every selected case to the same departments (发起吹哨)</source>
        <translation>Whistle every selected case to the same departments (发起吹哨)</translation>
    </message>
    <message numerus="yes">
        <source>Bulk &amp;review %n selected case(s)…</source>
        <translation>
            <numerusform>Bulk &amp;review %n selected case…</numerusform>
            <numerusform>Bulk &amp;review %n selected cases…</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk &amp;review…</source>
        <translation>Bulk &amp;review…</translation>
    </message>
    <message numerus="yes">
        <source>Bulk &amp;whistle %n selected case(s)…</source>
        <translation>
            <numerusform>Bulk &amp;whistle %n selected case…</numerusform>
            <numerusform>Bulk &amp;whistle %n selected cases…</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk &amp;whistle…</source>
        <translation>Bulk &amp;whistle…</translation>
    </message>
    <message>
        <source>Choose a case in the list first.</source>
        <translation>Choose a case in the list first.</translation>
    </message>
</context>
<context>
    <name>gw::CaseListExport</name>
    <message>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n case(s)…</source>
        <translation>
            <numerusform>Exporting %n case…</numerusform>
            <numerusform>Exporting %n cases…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
</context>
<context>
    <name>gw::CaseLog</name>
    <message>
        <source>preparing statements</source>
        <translation>preparing statements</translation>
    </message>
    <message>
        <source>applying server events</source>
        <translation>applying server events</translation>
    </message>
    <message>
        <source>Event %1 is already stored.</source>
        <translation>Event %1 is already stored.</translation>
    </message>
    <message>
        <source>Event %1 would take position #%2 of its case, which is already taken.</source>
        <translation>Event %1 would take position #%2 of its case, which is already taken.</translation>
    </message>
    <message>
        <source>storing an event</source>
        <translation>storing an event</translation>
    </message>
    <message>
        <source>storing the case</source>
        <translation>storing the case</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>updating the search index</translation>
    </message>
    <message>
        <source>removing a case</source>
        <translation>removing a case</translation>
    </message>
    <message>
        <source>numbering</source>
        <translation>numbering</translation>
    </message>
    <message>
        <source>The action has no valid event or case id.</source>
        <translation>The action has no valid event or case id.</translation>
    </message>
    <message>
        <source>queueing the action for sending</source>
        <translation>queueing the action for sending</translation>
    </message>
    <message>
        <source>re-sealing local actions</source>
        <translation>re-sealing local actions</translation>
    </message>
    <message>
        <source>rebuilding the search index</source>
        <translation>rebuilding the search index</translation>
    </message>
    <message>
        <source>reading the outbox</source>
        <translation>reading the outbox</translation>
    </message>
    <message>
        <source>This case is read-only for you on this computer: %1&apos;s actions on it are not sent yet. They are sent when %1 signs in here again.</source>
        <translation>This case is read-only for you on this computer: %1&apos;s actions on it are not sent yet. They are sent when %1 signs in here again.</translation>
    </message>
</context>
<context>
    <name>gw::CaseRegistrationDialog</name>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>(whole street)</source>
        <translation>(whole street)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Grid cell</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>Reporter name</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>Choose a category.</translation>
    </message>
    <message>
        <source>Choose a street.</source>
        <translation>Choose a street.</translation>
    </message>
    <message>
        <source>Give both longitude and latitude, or neither.</source>
        <translation>Give both longitude and latitude, or neither.</translation>
    </message>
    <message>
        <source>Longitude and latitude are decimal degrees, e.g. 102.7205 and 25.0478.</source>
        <translation>Longitude and latitude are decimal degrees, e.g. 102.7205 and 25.0478.</translation>
    </message>
    <message>
        <source>Longitude must be within ±180 and latitude within ±90.</source>
        <translation>Longitude must be within ±180 and latitude within ±90.</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>Please correct the fields marked in red.</translation>
    </message>
    <message>
        <source>The case was not saved. Please correct the field marked in red.</source>
        <translation>The case was not saved. Please correct the field marked in red.</translation>
    </message>
    <message>
        <source>The case was not saved: %1</source>
        <translation>The case was not saved: %1</translation>
    </message>
    <message>
        <source>Pick from the list, or type a code or name</source>
        <translation>Pick from the list, or type a code or name</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a grid cell of %2. Pick one from the list.</source>
        <translation>&quot;%1&quot; is not a grid cell of %2. Pick one from the list.</translation>
    </message>
    <message>
        <source>Several communities have a grid cell named &quot;%1&quot;. Choose the community, or pick the cell from the list.</source>
        <translation>Several communities have a grid cell named &quot;%1&quot;. Choose the community, or pick the cell from the list.</translation>
    </message>
</context>
<context>
    <name>gw::CaseSheet</name>
    <message>
        <source>Case facts</source>
        <translation>Case facts</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Departments and deadlines</source>
        <translation>Departments and deadlines</translation>
    </message>
    <message>
        <source>No department has been summoned.</source>
        <translation>No department has been summoned.</translation>
    </message>
    <message>
        <source>Feedback: %1</source>
        <translation>Feedback: %1</translation>
    </message>
    <message>
        <source>Rated %1 / 5</source>
        <translation>Rated %1 / 5</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>No attachments.</source>
        <translation>No attachments.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Added with</source>
        <translation>Added with</translation>
    </message>
    <message>
        <source>SHA-256 (start)</source>
        <translation>SHA-256 (start)</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation>Not verified yet.</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>Printed %1 (UTC+8)</source>
        <translation>Printed %1 (UTC+8)</translation>
    </message>
    <message>
        <source>Case Sheet</source>
        <translation>Case Sheet</translation>
    </message>
    <message>
        <source>Filed by (signature): ____________________    Date: ____________</source>
        <translation>Filed by (signature): ____________________    Date: ____________</translation>
    </message>
    <message>
        <source>GridWhistle case sheet · %1 · printed %2</source>
        <translation>GridWhistle case sheet · %1 · printed %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>Case %1 is not in the local store.</source>
        <translation>Case %1 is not in the local store.</translation>
    </message>
    <message>
        <source>Case sheet %1</source>
        <translation>Case sheet %1</translation>
    </message>
</context>
<context>
    <name>gw::CaseStatus</name>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Analyzed</source>
        <translation>Analyzed</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Whistled</source>
        <translation>Whistled</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>Street handling</source>
        <translation>Street handling</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Merged</translation>
    </message>
</context>
<context>
    <name>gw::CaseStore</name>
    <message>
        <source>rebuilding the search index</source>
        <translation>rebuilding the search index</translation>
    </message>
    <message>
        <source>The SQLite driver gives no connection handle.</source>
        <translation>The SQLite driver gives no connection handle.</translation>
    </message>
    <message>
        <source>Qt&apos;s SQLite driver uses SQLite %1, this program %2; both must use the same system SQLite library.</source>
        <translation>Qt&apos;s SQLite driver uses SQLite %1, this program %2; both must use the same system SQLite library.</translation>
    </message>
    <message>
        <source>upgrading the stored cases</source>
        <translation>upgrading the stored cases</translation>
    </message>
</context>
<context>
    <name>gw::CaseTableModel</name>
    <message>
        <source>%1 (lead)</source>
        <translation>%1 (lead)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Overdue: the deadline was %1.</source>
        <translation>Overdue: the deadline was %1.</translation>
    </message>
    <message>
        <source>Next deadline: %1</source>
        <translation>Next deadline: %1</translation>
    </message>
    <message>
        <source>On hold.</source>
        <translation>On hold.</translation>
    </message>
    <message>
        <source>Escalated to the city platform.</source>
        <translation>Escalated to the city platform.</translation>
    </message>
    <message>
        <source>Has changes not yet accepted by the district server.</source>
        <translation>Has changes not yet accepted by the district server.</translation>
    </message>
    <message>
        <source>Departments: %1</source>
        <translation>Departments: %1</translation>
    </message>
    <message>
        <source>%1 · on hold</source>
        <translation>%1 · on hold</translation>
    </message>
    <message>
        <source>%1 · escalated</source>
        <translation>%1 · escalated</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>Next deadline</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Click to sort by this column</source>
        <translation>Click to sort by this column</translation>
    </message>
    <message>
        <source>Marks cases with changes not yet accepted by the district server</source>
        <translation>Marks cases with changes not yet accepted by the district server</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>Step: %1</source>
        <translation>Step: %1</translation>
    </message>
</context>
<context>
    <name>gw::CaseTimelineWidget</name>
    <message>
        <source>satisfied</source>
        <translation>satisfied</translation>
    </message>
    <message>
        <source>basically satisfied</source>
        <translation>basically satisfied</translation>
    </message>
    <message>
        <source>dissatisfied</source>
        <translation>dissatisfied</translation>
    </message>
    <message>
        <source>no callback result</source>
        <translation>no callback result</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>Time (UTC+8)</source>
        <translation>Time (UTC+8)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>District server</source>
        <translation>District server</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 [%2] at %3</source>
        <translation>%1 [%2] at %3</translation>
    </message>
    <message numerus="yes">
        <source>, %n attachment(s)</source>
        <translation>
            <numerusform>, %n attachment</numerusform>
            <numerusform>, %n attachments</numerusform>
        </translation>
    </message>
    <message>
        <source>street handles it, due %1</source>
        <translation>street handles it, due %1</translation>
    </message>
    <message>
        <source>duplicate, merged</source>
        <translation>duplicate, merged</translation>
    </message>
    <message>
        <source>needs a whistle</source>
        <translation>needs a whistle</translation>
    </message>
    <message>
        <source>, urgency %1</source>
        <translation>, urgency %1</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>returned for analysis</source>
        <translation>returned for analysis</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>%1 (%2, check in by %3, handle by %4)</source>
        <translation>%1 (%2, check in by %3, handle by %4)</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>lead</translation>
    </message>
    <message>
        <source>assisting</source>
        <translation>assisting</translation>
    </message>
    <message numerus="yes">
        <source> (%n evidence file(s))</source>
        <translation>
            <numerusform> (%n evidence file)</numerusform>
            <numerusform> (%n evidence files)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 asks for %2</source>
        <translation>%1 asks for %2</translation>
    </message>
    <message>
        <source>%1: approved</source>
        <translation>%1: approved</translation>
    </message>
    <message>
        <source>%1: denied</source>
        <translation>%1: denied</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>rework</source>
        <translation>rework</translation>
    </message>
    <message>
        <source>, due %1</source>
        <translation>, due %1</translation>
    </message>
    <message>
        <source>callback: %1</source>
        <translation>callback: %1</translation>
    </message>
    <message>
        <source> (%1 called %2)</source>
        <translation> (%1 called %2)</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>on hold</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>resumed</translation>
    </message>
    <message>
        <source>%1: %2 / 5</source>
        <translation>%1: %2 / 5</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>number %1</translation>
    </message>
    <message>
        <source>Hash verified</source>
        <translation>Hash verified</translation>
    </message>
    <message>
        <source>pending sync</source>
        <translation>pending sync</translation>
    </message>
    <message>
        <source>synced #%1</source>
        <translation>synced #%1</translation>
    </message>
    <message numerus="yes">
        <source>✓ Audit chain verified: %n event(s), none altered.</source>
        <translation>
            <numerusform>✓ Audit chain verified: %n event, not altered.</numerusform>
            <numerusform>✓ Audit chain verified: %n events, none altered.</numerusform>
        </translation>
    </message>
    <message>
        <source>✗ Audit chain broken at event %1: %2</source>
        <translation>✗ Audit chain broken at event %1: %2</translation>
    </message>
    <message>
        <source>%1 · %2
%3</source>
        <translation>%1 · %2
%3</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Longer deadline because: %1</source>
        <translation>Longer deadline because: %1</translation>
    </message>
</context>
<context>
    <name>gw::Category</name>
    <message>
        <source>A category id is 1 to 48 lower-case letters, digits or _, starting with a letter; &quot;%1&quot; is not one.</source>
        <translation>A category id is 1 to 48 lower-case letters, digits or _, starting with a letter; &quot;%1&quot; is not one.</translation>
    </message>
    <message>
        <source>Category %1 needs a name of at most %2 characters.</source>
        <translation>Category %1 needs a name of at most %2 characters.</translation>
    </message>
    <message>
        <source>Sub-category %1 of %2 appears twice.</source>
        <translation>Sub-category %1 of %2 appears twice.</translation>
    </message>
    <message>
        <source>check-in deadline</source>
        <translation>check-in deadline</translation>
    </message>
    <message>
        <source>handling deadline</source>
        <translation>handling deadline</translation>
    </message>
    <message>
        <source>analysis (working hours)</source>
        <translation>analysis (working hours)</translation>
    </message>
    <message>
        <source>review (working hours)</source>
        <translation>review (working hours)</translation>
    </message>
    <message>
        <source>whistle (working hours)</source>
        <translation>whistle (working hours)</translation>
    </message>
    <message>
        <source>verification (working hours)</source>
        <translation>verification (working hours)</translation>
    </message>
    <message>
        <source>closing (working hours)</source>
        <translation>closing (working hours)</translation>
    </message>
    <message>
        <source>%1 · %2: %3 → %4</source>
        <translation>%1 · %2: %3 → %4</translation>
    </message>
    <message>
        <source>%1 (%2): the check-in deadline must be 1 to %3 working days or hours.</source>
        <translation>%1 (%2): the check-in deadline must be 1 to %3 working days or hours.</translation>
    </message>
    <message>
        <source>%1 (%2): the handling deadline must be 1 to %3 working days or hours.</source>
        <translation>%1 (%2): the handling deadline must be 1 to %3 working days or hours.</translation>
    </message>
    <message>
        <source>%1 (%2): the check-in deadline (%3) is longer than the handling deadline (%4).</source>
        <translation>%1 (%2): the check-in deadline (%3) is longer than the handling deadline (%4).</translation>
    </message>
    <message>
        <source>%1 (%2): %3 must be a whole number of working hours from 1 to 8760.</source>
        <translation>%1 (%2): %3 must be a whole number of working hours from 1 to 8760.</translation>
    </message>
    <message>
        <source>Category %1 has more than %2 sub-categories.</source>
        <translation>Category %1 has more than %2 sub-categories.</translation>
    </message>
    <message>
        <source>Every sub-category of %1 needs an id (at most 48 characters) and a name (at most 40).</source>
        <translation>Every sub-category of %1 needs an id (at most 48 characters) and a name (at most 40).</translation>
    </message>
    <message>
        <source>%1 (%2): a check-in deadline in working days needs a handling deadline in working days too.</source>
        <translation>%1 (%2): a check-in deadline in working days needs a handling deadline in working days too.</translation>
    </message>
</context>
<context>
    <name>gw::CategoryCatalog</name>
    <message>
        <source>Category file is not valid JSON: %1</source>
        <translation>Category file is not valid JSON: %1</translation>
    </message>
    <message>
        <source>Category file has no categories.</source>
        <translation>Category file has no categories.</translation>
    </message>
    <message>
        <source>Category id %1 appears twice.</source>
        <translation>Category id %1 appears twice.</translation>
    </message>
</context>
<context>
    <name>gw::CategoryRulesDialog</name>
    <message>
        <source>Categories and deadline rules</source>
        <translation>Categories and deadline rules</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>working days</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>hours</translation>
    </message>
    <message>
        <source>Deadlines count from the moment the whistle is blown: working days skip weekends and public holidays of the work calendar, hours are clock hours for urgent matters. A department&apos;s deadline set longer than its row in the whistle form needs a reason there. The step columns are working hours the command center or the street may keep a case at 研判, 审核, 发起吹哨, 核查 and 结案 before it is overdue.</source>
        <translation>Deadlines count from the moment the whistle is blown: working days skip weekends and public holidays of the work calendar, hours are clock hours for urgent matters. A department&apos;s deadline set longer than its row in the whistle form needs a reason there. The step columns are working hours the command center or the street may keep a case at 研判, 审核, 发起吹哨, 核查 and 结案 before it is overdue.</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>Save on the server</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Rule table (one row per urgency):</source>
        <translation>Rule table (one row per urgency):</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the rules. Other computers use them from their next sync; this one already does.</source>
        <translation>Saved as version %1 of the rules. Other computers use them from their next sync; this one already does.</translation>
    </message>
    <message>
        <source>Working offline: the rules are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</source>
        <translation>Working offline: the rules are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s categories and deadline rules.</source>
        <translation>Only administrators change the district&apos;s categories and deadline rules.</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1 (not saved)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Nothing to save: the rules of %1 are as the server has them.</source>
        <translation>Nothing to save: the rules of %1 are as the server has them.</translation>
    </message>
    <message>
        <source>Saving on the district server…</source>
        <translation>Saving on the district server…</translation>
    </message>
    <message numerus="yes">
        <source>The district&apos;s categories and deadline rules, version %1, changed by %2 at %3. %n categories.</source>
        <translation>
            <numerusform>The district&apos;s categories and deadline rules, version %1, changed by %2 at %3. %n categories.</numerusform>
            <numerusform>The district&apos;s categories and deadline rules, version %1, changed by %2 at %3. %n categories.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rules shipped with GridWhistle; the district server&apos;s arrive with the next sync.</source>
        <translation>The rules shipped with GridWhistle; the district server&apos;s arrive with the next sync.</translation>
    </message>
</context>
<context>
    <name>gw::ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>At least %1 characters; not your login id and not the demo password. Your other sessions end; this computer stays signed in.</source>
        <translation>At least %1 characters; not your login id and not the demo password. Your other sessions end; this computer stays signed in.</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>New password again:</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Enter your current password.</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>The two new passwords are not the same.</translation>
    </message>
    <message>
        <source>Set your own password</source>
        <translation>Set your own password</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own before you start; nobody else will know it.</source>
        <translation>Your password was set by an administrator. Choose your own before you start; nobody else will know it.</translation>
    </message>
</context>
<context>
    <name>gw::CityAdapter</name>
    <message>
        <source>No city mapping is loaded.</source>
        <translation>No city mapping is loaded.</translation>
    </message>
    <message>
        <source>Case %1 is not escalated; store the case.escalated event first.</source>
        <translation>Case %1 is not escalated; store the case.escalated event first.</translation>
    </message>
    <message>
        <source>Waiting for the city to acknowledge the escalation.</source>
        <translation>Waiting for the city to acknowledge the escalation.</translation>
    </message>
    <message>
        <source>The city&apos;s answer has no %1.</source>
        <translation>The city&apos;s answer has no %1.</translation>
    </message>
    <message>
        <source>Gave up after %1 attempts: %2</source>
        <translation>Gave up after %1 attempts: %2</translation>
    </message>
    <message>
        <source>The city&apos;s list of assigned requests is not a JSON array.</source>
        <translation>The city&apos;s list of assigned requests is not a JSON array.</translation>
    </message>
    <message>
        <source>Pulling city-assigned cases failed: %1</source>
        <translation>Pulling city-assigned cases failed: %1</translation>
    </message>
    <message>
        <source>City request %1 cannot be registered: %2</source>
        <translation>City request %1 cannot be registered: %2</translation>
    </message>
    <message>
        <source>Case %1 did not come from the city.</source>
        <translation>Case %1 did not come from the city.</translation>
    </message>
    <message>
        <source>Fetching the city&apos;s service list failed: %1</source>
        <translation>Fetching the city&apos;s service list failed: %1</translation>
    </message>
    <message>
        <source>not a JSON array</source>
        <translation>not a JSON array</translation>
    </message>
    <message>
        <source>The city does not offer these mapped service codes: %1</source>
        <translation>The city does not offer these mapped service codes: %1</translation>
    </message>
    <message>
        <source>The city&apos;s list of requests is not a JSON array.</source>
        <translation>The city&apos;s list of requests is not a JSON array.</translation>
    </message>
    <message>
        <source>Reconciliation with the city failed: %1</source>
        <translation>Reconciliation with the city failed: %1</translation>
    </message>
    <message>
        <source>Case %1 is escalated here but was never queued for the city.</source>
        <translation>Case %1 is escalated here but was never queued for the city.</translation>
    </message>
    <message>
        <source>Case %1 is escalated here but the city has no request for it.</source>
        <translation>Case %1 is escalated here but the city has no request for it.</translation>
    </message>
    <message>
        <source>Case %1 is linked to city request %2, which the city does not list.</source>
        <translation>Case %1 is linked to city request %2, which the city does not list.</translation>
    </message>
    <message>
        <source>Case %1: the city shows %2, we are at %3.</source>
        <translation>Case %1: the city shows %2, we are at %3.</translation>
    </message>
    <message>
        <source>An update is still waiting in the outbox.</source>
        <translation>An update is still waiting in the outbox.</translation>
    </message>
    <message>
        <source>Case %1: the city&apos;s deadline is %2, ours is %3.</source>
        <translation>Case %1: the city&apos;s deadline is %2, ours is %3.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>City request %1 could not be taken in: %2</source>
        <translation>City request %1 could not be taken in: %2</translation>
    </message>
    <message>
        <source>City request %1 was received but the case is not registered yet.</source>
        <translation>City request %1 was received but the case is not registered yet.</translation>
    </message>
    <message>
        <source>The city lists request %1 for the district, but there is no such case here.</source>
        <translation>The city lists request %1 for the district, but there is no such case here.</translation>
    </message>
    <message>
        <source>Case %1 cannot go to the city: its category %2 has no city service code and the city mapping names no fallback.</source>
        <translation>Case %1 cannot go to the city: its category %2 has no city service code and the city mapping names no fallback.</translation>
    </message>
</context>
<context>
    <name>gw::CityBridge</name>
    <message>
        <source>Cannot read the city configuration %1: %2</source>
        <translation>Cannot read the city configuration %1: %2</translation>
    </message>
    <message>
        <source>The city configuration %1 is not a JSON object: %2</source>
        <translation>The city configuration %1 is not a JSON object: %2</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>not an object</translation>
    </message>
    <message>
        <source>city.mappingFile must be a file path.</source>
        <translation>city.mappingFile must be a file path.</translation>
    </message>
    <message>
        <source>City configuration %1: %2</source>
        <translation>City configuration %1: %2</translation>
    </message>
    <message>
        <source>City mapping %1: %2</source>
        <translation>City mapping %1: %2</translation>
    </message>
    <message>
        <source>Created the account &quot;%1&quot; that registers city-assigned cases and records city exchanges (no one needs its password).</source>
        <translation>Created the account &quot;%1&quot; that registers city-assigned cases and records city exchanges (no one needs its password).</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; must be a center dispatcher of center.district to take in city-assigned cases.</source>
        <translation>The account &quot;%1&quot; must be a center dispatcher of center.district to take in city-assigned cases.</translation>
    </message>
    <message>
        <source>The city exchange cannot start: %1</source>
        <translation>The city exchange cannot start: %1</translation>
    </message>
    <message>
        <source>The store returned no outcome.</source>
        <translation>The store returned no outcome.</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>none given</translation>
    </message>
    <message>
        <source>Assigned by the city platform as request %1; the city&apos;s deadline for the district: %2.</source>
        <translation>Assigned by the city platform as request %1; the city&apos;s deadline for the district: %2.</translation>
    </message>
    <message>
        <source>The city exchange is not configured.</source>
        <translation>The city exchange is not configured.</translation>
    </message>
    <message>
        <source>There is no city message %1.</source>
        <translation>There is no city message %1.</translation>
    </message>
    <message>
        <source>City mapping: %1</source>
        <translation>City mapping: %1</translation>
    </message>
    <message numerus="yes">
        <source>City: %n escalation(s) stored earlier but never sent are queued now.</source>
        <translation>
            <numerusform>City: %n escalation stored earlier but never sent are queued now.</numerusform>
            <numerusform>City: %n escalations stored earlier but never sent are queued now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>City: %n escalated case(s) cannot be sent (%1). The last reason: %2</source>
        <translation>
            <numerusform>City: %n escalated case cannot be sent (%1). The last reason: %2</numerusform>
            <numerusform>City: %n escalated cases cannot be sent (%1). The last reason: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gw::CityCaseState</name>
    <message>
        <source>Not exchanged with the city</source>
        <translation>Not exchanged with the city</translation>
    </message>
    <message>
        <source>Pending — waiting to be sent</source>
        <translation>Pending — waiting to be sent</translation>
    </message>
    <message>
        <source>Sent — waiting for the city&apos;s answer</source>
        <translation>Sent — waiting for the city&apos;s answer</translation>
    </message>
    <message>
        <source>Acknowledged by the city</source>
        <translation>Acknowledged by the city</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Escalated by the district to the city (上报市级)</source>
        <translation>Escalated by the district to the city (上报市级)</translation>
    </message>
    <message>
        <source>Assigned to the district by the city (市级交办)</source>
        <translation>Assigned to the district by the city (市级交办)</translation>
    </message>
    <message>
        <source>The server&apos;s case detail has no &quot;case&quot; object.</source>
        <translation>The server&apos;s case detail has no &quot;case&quot; object.</translation>
    </message>
    <message>
        <source>The server&apos;s case detail has &quot;city&quot; in the wrong form (expected an object).</source>
        <translation>The server&apos;s case detail has &quot;city&quot; in the wrong form (expected an object).</translation>
    </message>
    <message>
        <source>city state</source>
        <translation>city state</translation>
    </message>
    <message>
        <source>The server reported an unknown city state &quot;%1&quot;.</source>
        <translation>The server reported an unknown city state &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The server reported an unknown city origin &quot;%1&quot;.</source>
        <translation>The server reported an unknown city origin &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Not exchanged with the city platform</source>
        <translation>Not exchanged with the city platform</translation>
    </message>
    <message>
        <source>City platform: waiting to send</source>
        <translation>City platform: waiting to send</translation>
    </message>
    <message>
        <source>City platform: waiting to retry (%1)</source>
        <translation>City platform: waiting to retry (%1)</translation>
    </message>
    <message>
        <source>City platform: sent, awaiting an answer</source>
        <translation>City platform: sent, awaiting an answer</translation>
    </message>
    <message>
        <source>City platform: acknowledged (%1)</source>
        <translation>City platform: acknowledged (%1)</translation>
    </message>
    <message>
        <source>City platform: failed: %1</source>
        <translation>City platform: failed: %1</translation>
    </message>
</context>
<context>
    <name>gw::CityClient</name>
    <message>
        <source>Cannot read the city CA file %1: %2</source>
        <translation>Cannot read the city CA file %1: %2</translation>
    </message>
    <message>
        <source>The city CA file %1 holds no PEM certificate.</source>
        <translation>The city CA file %1 holds no PEM certificate.</translation>
    </message>
    <message>
        <source>No answer from the city within %1 s (%2).</source>
        <translation>No answer from the city within %1 s (%2).</translation>
    </message>
    <message>
        <source>TLS check of the city platform failed: %1</source>
        <translation>TLS check of the city platform failed: %1</translation>
    </message>
    <message>
        <source>Cannot reach the city platform: %1</source>
        <translation>Cannot reach the city platform: %1</translation>
    </message>
    <message>
        <source>The city answered HTTP %1 with malformed JSON (%2).</source>
        <translation>The city answered HTTP %1 with malformed JSON (%2).</translation>
    </message>
    <message>
        <source>The city answered HTTP %1.</source>
        <translation>The city answered HTTP %1.</translation>
    </message>
    <message>
        <source>The city answered HTTP %1: %2</source>
        <translation>The city answered HTTP %1: %2</translation>
    </message>
</context>
<context>
    <name>gw::CityConfig</name>
    <message>
        <source>City platform bridge</source>
        <translation>City platform bridge</translation>
    </message>
    <message>
        <source>city.baseUrl must be an absolute URL.</source>
        <translation>city.baseUrl must be an absolute URL.</translation>
    </message>
    <message>
        <source>city.baseUrl must use https (plain http only with allowPlainHttp, for development).</source>
        <translation>city.baseUrl must use https (plain http only with allowPlainHttp, for development).</translation>
    </message>
    <message>
        <source>Give city.apiKey or city.bearerToken.</source>
        <translation>Give city.apiKey or city.bearerToken.</translation>
    </message>
    <message>
        <source>city.caFile %1 cannot be read.</source>
        <translation>city.caFile %1 cannot be read.</translation>
    </message>
    <message>
        <source>city.timeoutMs must be at least 100.</source>
        <translation>city.timeoutMs must be at least 100.</translation>
    </message>
    <message>
        <source>city.backoffBaseMs must be at least 10 and city.backoffCapMs not below it.</source>
        <translation>city.backoffBaseMs must be at least 10 and city.backoffCapMs not below it.</translation>
    </message>
    <message>
        <source>city.maxAttempts must not be negative and city.maxPages must be positive.</source>
        <translation>city.maxAttempts must not be negative and city.maxPages must be positive.</translation>
    </message>
    <message>
        <source>The city intake user must be a center dispatcher.</source>
        <translation>The city intake user must be a center dispatcher.</translation>
    </message>
    <message>
        <source>Unknown city setting &quot;%1&quot;.</source>
        <translation>Unknown city setting &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>city.%1 must be a whole number.</source>
        <translation>city.%1 must be a whole number.</translation>
    </message>
</context>
<context>
    <name>gw::CityExchange</name>
    <message>
        <source>To the city</source>
        <translation>To the city</translation>
    </message>
    <message>
        <source>From the city</source>
        <translation>From the city</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <source>Status update</source>
        <translation>Status update</translation>
    </message>
    <message>
        <source>City-assigned case</source>
        <translation>City-assigned case</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Waiting to retry</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Refused by the district</source>
        <translation>Refused by the district</translation>
    </message>
    <message>
        <source>city message</source>
        <translation>city message</translation>
    </message>
    <message>
        <source>The server sent a city message without an id.</source>
        <translation>The server sent a city message without an id.</translation>
    </message>
    <message>
        <source>The server sent a city message of an unknown kind &quot;%1&quot;.</source>
        <translation>The server sent a city message of an unknown kind &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The server sent a city message in an unknown state &quot;%1&quot;.</source>
        <translation>The server sent a city message in an unknown state &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>refused city case</source>
        <translation>refused city case</translation>
    </message>
</context>
<context>
    <name>gw::CityExchangeClient</name>
    <message>
        <source>&quot;%1&quot; is not a case id.</source>
        <translation>&quot;%1&quot; is not a case id.</translation>
    </message>
    <message>
        <source>This client has no connection to a district server.</source>
        <translation>This client has no connection to a district server.</translation>
    </message>
    <message>
        <source>The district server&apos;s answer about the city state cannot be read: %1</source>
        <translation>The district server&apos;s answer about the city state cannot be read: %1</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>it is not a JSON object.</translation>
    </message>
    <message>
        <source>The city exchanges could not be loaded: %1</source>
        <translation>The city exchanges could not be loaded: %1</translation>
    </message>
    <message>
        <source>The district server&apos;s list of city exchanges cannot be read: %1</source>
        <translation>The district server&apos;s list of city exchanges cannot be read: %1</translation>
    </message>
    <message>
        <source>an entry is not a JSON object.</source>
        <translation>an entry is not a JSON object.</translation>
    </message>
    <message>
        <source>Only messages to the city can be sent again; choose one in the list.</source>
        <translation>Only messages to the city can be sent again; choose one in the list.</translation>
    </message>
    <message>
        <source>The retry was not accepted: %1</source>
        <translation>The retry was not accepted: %1</translation>
    </message>
    <message>
        <source>The district server did not confirm the retry.</source>
        <translation>The district server did not confirm the retry.</translation>
    </message>
    <message>
        <source>Pulling city cases failed: %1</source>
        <translation>Pulling city cases failed: %1</translation>
    </message>
    <message>
        <source>The district server&apos;s answer to the pull is not in the expected form.</source>
        <translation>The district server&apos;s answer to the pull is not in the expected form.</translation>
    </message>
    <message>
        <source>The reconciliation failed: %1</source>
        <translation>The reconciliation failed: %1</translation>
    </message>
    <message>
        <source>The district server&apos;s reconciliation result has no list of differences.</source>
        <translation>The district server&apos;s reconciliation result has no list of differences.</translation>
    </message>
    <message>
        <source>The district server&apos;s reconciliation result cannot be read: %1</source>
        <translation>The district server&apos;s reconciliation result cannot be read: %1</translation>
    </message>
</context>
<context>
    <name>gw::CityExchangeList</name>
    <message>
        <source>list of city exchanges</source>
        <translation>list of city exchanges</translation>
    </message>
    <message>
        <source>Entry %1 of &quot;%2&quot; is not a JSON object.</source>
        <translation>Entry %1 of &quot;%2&quot; is not a JSON object.</translation>
    </message>
</context>
<context>
    <name>gw::CityExchangeReport</name>
    <message>
        <source>Escalation to the city platform</source>
        <translation>Escalation to the city platform</translation>
    </message>
    <message>
        <source>Status update to the city platform</source>
        <translation>Status update to the city platform</translation>
    </message>
    <message>
        <source>Case assigned by the city platform</source>
        <translation>Case assigned by the city platform</translation>
    </message>
    <message>
        <source>Reconciliation with the city platform</source>
        <translation>Reconciliation with the city platform</translation>
    </message>
    <message>
        <source>Exchange with the city platform</source>
        <translation>Exchange with the city platform</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>acknowledged as %1</source>
        <translation>acknowledged as %1</translation>
    </message>
    <message>
        <source>not delivered yet, will retry (attempt %1)</source>
        <translation>not delivered yet, will retry (attempt %1)</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>received as %1</source>
        <translation>received as %1</translation>
    </message>
    <message>
        <source>could not be taken in</source>
        <translation>could not be taken in</translation>
    </message>
    <message>
        <source>found a difference</source>
        <translation>found a difference</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
</context>
<context>
    <name>gw::CityExchangesDialog</name>
    <message>
        <source>The message is queued again; the district server sends it to the city now.</source>
        <translation>The message is queued again; the district server sends it to the city now.</translation>
    </message>
    <message numerus="yes">
        <source>Pulled from the city: %n new case(s) received</source>
        <translation>
            <numerusform>Pulled from the city: %n new case received</numerusform>
            <numerusform>Pulled from the city: %n new cases received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by the district (listed above).</source>
        <translation>
            <numerusform>%n refused by the district (listed above).</numerusform>
            <numerusform>%n refused by the district (listed above).</numerusform>
        </translation>
    </message>
    <message>
        <source>This client has no connection to a district server.</source>
        <translation>This client has no connection to a district server.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>case %1</source>
        <translation>case %1</translation>
    </message>
    <message>
        <source>city request %1</source>
        <translation>city request %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>No failed exchanges with the city.</source>
        <translation>No failed exchanges with the city.</translation>
    </message>
    <message>
        <source>No exchanges with the city need attention.</source>
        <translation>No exchanges with the city need attention.</translation>
    </message>
    <message>
        <source>Choose a message to the city in the list first (refused city cases cannot be sent again).</source>
        <translation>Choose a message to the city in the list first (refused city cases cannot be sent again).</translation>
    </message>
    <message>
        <source>Asking the city for cases assigned to the district…</source>
        <translation>Asking the city for cases assigned to the district…</translation>
    </message>
    <message>
        <source>Comparing the district&apos;s cases with the city platform…</source>
        <translation>Comparing the district&apos;s cases with the city platform…</translation>
    </message>
    <message>
        <source>%1 (an update is still on its way; this may resolve itself)</source>
        <translation>%1 (an update is still on its way; this may resolve itself)</translation>
    </message>
    <message>
        <source>Both sides agree: no differences found.</source>
        <translation>Both sides agree: no differences found.</translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s) between the district and the city platform:</source>
        <translation>
            <numerusform>%n difference between the district and the city platform:</numerusform>
            <numerusform>%n differences between the district and the city platform:</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconciliation finished at %1.</source>
        <translation>Reconciliation finished at %1.</translation>
    </message>
    <message>
        <source>City exchange (市级平台对接)</source>
        <translation>City exchange (市级平台对接)</translation>
    </message>
    <message>
        <source>Exchanges with the city platform that need attention: messages the city refused or that are still being retried after a failed attempt, and city cases the district refused to take in. Acknowledged exchanges are not listed.</source>
        <translation>Exchanges with the city platform that need attention: messages the city refused or that are still being retried after a failed attempt, and city cases the district refused to take in. Acknowledged exchanges are not listed.</translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation>Failed only</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>Retry selected</translation>
    </message>
    <message>
        <source>Pull city cases now</source>
        <translation>Pull city cases now</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Reconcile</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Last attempt</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Next attempt</translation>
    </message>
    <message>
        <source>City request</source>
        <translation>City request</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>gw::CityMapping</name>
    <message>
        <source>Cannot read the city mapping file %1: %2</source>
        <translation>Cannot read the city mapping file %1: %2</translation>
    </message>
    <message>
        <source>City mapping file %1: %2</source>
        <translation>City mapping file %1: %2</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>not valid JSON at offset %1: %2</translation>
    </message>
    <message>
        <source>the mapping must be a JSON object.</source>
        <translation>the mapping must be a JSON object.</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be 1 (this program reads mapping version 1).</source>
        <translation>&quot;version&quot; must be 1 (this program reads mapping version 1).</translation>
    </message>
    <message>
        <source>&quot;jurisdictionId&quot; (the city&apos;s Open311 jurisdiction_id for the district) is required.</source>
        <translation>&quot;jurisdictionId&quot; (the city&apos;s Open311 jurisdiction_id for the district) is required.</translation>
    </message>
    <message>
        <source>&quot;districtId&quot; (how the city addresses this district in x_assigned_to) is required.</source>
        <translation>&quot;districtId&quot; (how the city addresses this district in x_assigned_to) is required.</translation>
    </message>
    <message>
        <source>&quot;pageSize&quot; must be a whole number from 1 to 1000.</source>
        <translation>&quot;pageSize&quot; must be a whole number from 1 to 1000.</translation>
    </message>
    <message>
        <source>&quot;categories&quot; must be a list of {category, subcategory?, serviceCode}.</source>
        <translation>&quot;categories&quot; must be a list of {category, subcategory?, serviceCode}.</translation>
    </message>
    <message>
        <source>categories[%1]: unknown category &quot;%2&quot;.</source>
        <translation>categories[%1]: unknown category &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>categories[%1]: category %2 has no sub-category &quot;%3&quot;.</source>
        <translation>categories[%1]: category %2 has no sub-category &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>categories[%1]: &quot;serviceCode&quot; is required.</source>
        <translation>categories[%1]: &quot;serviceCode&quot; is required.</translation>
    </message>
    <message>
        <source>categories[%1]: %2 is mapped twice.</source>
        <translation>categories[%1]: %2 is mapped twice.</translation>
    </message>
    <message>
        <source>categories[%1]: service code &quot;%2&quot; is already used for %3.</source>
        <translation>categories[%1]: service code &quot;%2&quot; is already used for %3.</translation>
    </message>
    <message>
        <source>&quot;unmappedServiceCode&quot; must name one of our categories (and optionally its sub-category).</source>
        <translation>&quot;unmappedServiceCode&quot; must name one of our categories (and optionally its sub-category).</translation>
    </message>
    <message>
        <source>&quot;statuses&quot; must be an object: our status → {status: open|closed, cityState}.</source>
        <translation>&quot;statuses&quot; must be an object: our status → {status: open|closed, cityState}.</translation>
    </message>
    <message>
        <source>statuses: &quot;%1&quot; is not one of our statuses.</source>
        <translation>statuses: &quot;%1&quot; is not one of our statuses.</translation>
    </message>
    <message>
        <source>statuses: no mapping for our status &quot;%1&quot;.</source>
        <translation>statuses: no mapping for our status &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>statuses.%1.status must be &quot;open&quot; or &quot;closed&quot; (Open311).</source>
        <translation>statuses.%1.status must be &quot;open&quot; or &quot;closed&quot; (Open311).</translation>
    </message>
    <message>
        <source>statuses.%1.cityState is required.</source>
        <translation>statuses.%1.cityState is required.</translation>
    </message>
    <message>
        <source>&quot;priorities&quot; must be an object: our urgency → the city&apos;s priority.</source>
        <translation>&quot;priorities&quot; must be an object: our urgency → the city&apos;s priority.</translation>
    </message>
    <message>
        <source>priorities: no city priority for urgency &quot;%1&quot;.</source>
        <translation>priorities: no city priority for urgency &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>priorities: &quot;%1&quot; is used for two urgencies.</source>
        <translation>priorities: &quot;%1&quot; is used for two urgencies.</translation>
    </message>
    <message>
        <source>priorities: &quot;%1&quot; is not one of our urgencies.</source>
        <translation>priorities: &quot;%1&quot; is not one of our urgencies.</translation>
    </message>
    <message>
        <source>&quot;areas&quot; must be an object: city area code → our street id.</source>
        <translation>&quot;areas&quot; must be an object: city area code → our street id.</translation>
    </message>
    <message>
        <source>areas.%1: &quot;%2&quot; is not one of our streets.</source>
        <translation>areas.%1: &quot;%2&quot; is not one of our streets.</translation>
    </message>
    <message>
        <source>areas.%1: street %2 already has an area code.</source>
        <translation>areas.%1: street %2 already has an area code.</translation>
    </message>
    <message>
        <source>areas: no city area code for %1.</source>
        <translation>areas: no city area code for %1.</translation>
    </message>
    <message>
        <source>The city&apos;s request has no %1.</source>
        <translation>The city&apos;s request has no %1.</translation>
    </message>
    <message>
        <source>The city&apos;s request id is longer than %1 characters.</source>
        <translation>The city&apos;s request id is longer than %1 characters.</translation>
    </message>
    <message>
        <source>City request %1: service code &quot;%2&quot; is not in the mapping.</source>
        <translation>City request %1: service code &quot;%2&quot; is not in the mapping.</translation>
    </message>
    <message>
        <source>City request %1: area code &quot;%2&quot; is not one of the district&apos;s streets in the mapping.</source>
        <translation>City request %1: area code &quot;%2&quot; is not one of the district&apos;s streets in the mapping.</translation>
    </message>
    <message>
        <source>City request %1 has neither a title nor a description.</source>
        <translation>City request %1 has neither a title nor a description.</translation>
    </message>
    <message>
        <source>Location %1, %2 (from the city platform)</source>
        <translation>Location %1, %2 (from the city platform)</translation>
    </message>
    <message>
        <source>City request %1 has neither an address nor a location.</source>
        <translation>City request %1 has neither an address nor a location.</translation>
    </message>
    <message>
        <source>City request %1: priority &quot;%2&quot; is not in the mapping.</source>
        <translation>City request %1: priority &quot;%2&quot; is not in the mapping.</translation>
    </message>
    <message>
        <source>City request %1: deadline &quot;%2&quot; is not an ISO 8601 time.</source>
        <translation>City request %1: deadline &quot;%2&quot; is not an ISO 8601 time.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object of logical name → city name.</source>
        <translation>&quot;%1&quot; must be an object of logical name → city name.</translation>
    </message>
    <message>
        <source>&quot;%1.%2&quot; is not a known field (known: %3).</source>
        <translation>&quot;%1.%2&quot; is not a known field (known: %3).</translation>
    </message>
    <message>
        <source>&quot;%1.%2&quot; must be a non-empty text.</source>
        <translation>&quot;%1.%2&quot; must be a non-empty text.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2 and %3 both map to &quot;%4&quot;.</source>
        <translation>&quot;%1&quot;: %2 and %3 both map to &quot;%4&quot;.</translation>
    </message>
    <message>
        <source>Categories without a city service code: %1. Their cases cannot be escalated to the city until the city mapping names a code for them.</source>
        <translation>Categories without a city service code: %1. Their cases cannot be escalated to the city until the city mapping names a code for them.</translation>
    </message>
    <message>
        <source>Categories without a city service code: %1. Their cases are escalated under the fallback code %2 until the city mapping names a code for them.</source>
        <translation>Categories without a city service code: %1. Their cases are escalated under the fallback code %2 until the city mapping names a code for them.</translation>
    </message>
    <message>
        <source>Streets without a city area code: %1. Cases the city assigns to them cannot be routed, and their escalations carry no area.</source>
        <translation>Streets without a city area code: %1. Cases the city assigns to them cannot be routed, and their escalations carry no area.</translation>
    </message>
</context>
<context>
    <name>gw::CityMigrations</name>
    <message>
        <source>The city exchange tables of the server database have schema version %1, newer than this server understands (%2). Install the newer gridwhistle-server.</source>
        <translation>The city exchange tables of the server database have schema version %1, newer than this server understands (%2). Install the newer gridwhistle-server.</translation>
    </message>
</context>
<context>
    <name>gw::CityMismatch</name>
    <message>
        <source>Missing at the city</source>
        <translation>Missing at the city</translation>
    </message>
    <message>
        <source>Missing in the district</source>
        <translation>Missing in the district</translation>
    </message>
    <message>
        <source>Status differs</source>
        <translation>Status differs</translation>
    </message>
    <message>
        <source>Deadline differs</source>
        <translation>Deadline differs</translation>
    </message>
    <message>
        <source>reconciliation result</source>
        <translation>reconciliation result</translation>
    </message>
    <message>
        <source>The server reported an unknown kind of difference &quot;%1&quot;.</source>
        <translation>The server reported an unknown kind of difference &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The server reported a difference that names neither a case nor a city request.</source>
        <translation>The server reported a difference that names neither a case nor a city request.</translation>
    </message>
</context>
<context>
    <name>gw::CityOutbox</name>
    <message>
        <source>City outbox: cannot prepare a query: %1</source>
        <translation>City outbox: cannot prepare a query: %1</translation>
    </message>
    <message>
        <source>City outbox: a database write failed: %1</source>
        <translation>City outbox: a database write failed: %1</translation>
    </message>
    <message>
        <source>City outbox: cannot create its tables: %1</source>
        <translation>City outbox: cannot create its tables: %1</translation>
    </message>
    <message>
        <source>City outbox: no message %1.</source>
        <translation>City outbox: no message %1.</translation>
    </message>
    <message>
        <source>The city already acknowledged this message.</source>
        <translation>The city already acknowledged this message.</translation>
    </message>
    <message>
        <source>Interrupted before the city answered; sent again with the same idempotency key.</source>
        <translation>Interrupted before the city answered; sent again with the same idempotency key.</translation>
    </message>
</context>
<context>
    <name>gw::CityStateWidget</name>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Asking the district server for the city state…</source>
        <translation>Asking the district server for the city state…</translation>
    </message>
    <message>
        <source>City exchange not configured</source>
        <translation>City exchange not configured</translation>
    </message>
    <message>
        <source>The district server does not exchange cases with the city platform, so nothing was sent.</source>
        <translation>The district server does not exchange cases with the city platform, so nothing was sent.</translation>
    </message>
    <message>
        <source>not yet assigned</source>
        <translation>not yet assigned</translation>
    </message>
    <message numerus="yes">
        <source>(%n message(s) waiting)</source>
        <translation>
            <numerusform>(%n message waiting)</numerusform>
            <numerusform>(%n messages waiting)</numerusform>
        </translation>
    </message>
    <message>
        <source>As reported by the district server at %1.</source>
        <translation>As reported by the district server at %1.</translation>
    </message>
    <message>
        <source>City state unknown while offline</source>
        <translation>City state unknown while offline</translation>
    </message>
    <message>
        <source>The city exchange is run by the district server; connect to it to see the current state.</source>
        <translation>The city exchange is run by the district server; connect to it to see the current state.</translation>
    </message>
    <message>
        <source>City state unavailable</source>
        <translation>City state unavailable</translation>
    </message>
    <message>
        <source>City platform (市级平台)</source>
        <translation>City platform (市级平台)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Ask the district server for the current city state</source>
        <translation>Ask the district server for the current city state</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>City request id</source>
        <translation>City request id</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Last attempt</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>gw::ConflictInboxDialog</name>
    <message>
        <source>Conflict inbox</source>
        <translation>Conflict inbox</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Server&apos;s reason</source>
        <translation>Server&apos;s reason</translation>
    </message>
    <message>
        <source>No refused actions. Everything you did offline was accepted by the district server.</source>
        <translation>No refused actions. Everything you did offline was accepted by the district server.</translation>
    </message>
    <message numerus="yes">
        <source>The district server refused %n offline action(s). Read the reason, then retry the action as the case stands now, or discard it.</source>
        <translation>
            <numerusform>The district server refused %n offline action. Read the reason, then retry the action as the case stands now, or discard it.</numerusform>
            <numerusform>The district server refused %n offline actions. Read the reason, then retry the actions as the case stands now, or discard them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <source>Retry refused</source>
        <translation>Retry refused</translation>
    </message>
    <message>
        <source>The action cannot be repeated on the case as it stands now:
%1</source>
        <translation>The action cannot be repeated on the case as it stands now:
%1</translation>
    </message>
    <message>
        <source>Discard action</source>
        <translation>Discard action</translation>
    </message>
    <message>
        <source>Discard &quot;%1&quot;? The action is dropped for good; the discard is recorded in the case&apos;s audit trail.</source>
        <translation>Discard &quot;%1&quot;? The action is dropped for good; the discard is recorded in the case&apos;s audit trail.</translation>
    </message>
    <message>
        <source>Discard failed</source>
        <translation>Discard failed</translation>
    </message>
    <message>
        <source>Made by, at</source>
        <translation>Made by, at</translation>
    </message>
</context>
<context>
    <name>gw::DashboardCharts</name>
    <message>
        <source>Composite score</source>
        <translation>Composite score</translation>
    </message>
    <message>
        <source>%1 (no cases)</source>
        <translation>%1 (no cases)</translation>
    </message>
    <message>
        <source>%1. %2 (score 0)</source>
        <translation>%1. %2 (score 0)</translation>
    </message>
    <message>
        <source>Monthly trend (district)</source>
        <translation>Monthly trend (district)</translation>
    </message>
    <message>
        <source>% / points</source>
        <translation>% / points</translation>
    </message>
    <message>
        <source>%1 composite score</source>
        <translation>%1 composite score</translation>
    </message>
    <message>
        <source>Cases registered by category</source>
        <translation>Cases registered by category</translation>
    </message>
    <message>
        <source>Cases registered by category: none in this period</source>
        <translation>Cases registered by category: none in this period</translation>
    </message>
    <message>
        <source>Cases by current status</source>
        <translation>Cases by current status</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
</context>
<context>
    <name>gw::DashboardWindow</name>
    <message>
        <source>Assessment dashboard</source>
        <translation>Assessment dashboard</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>Month: </source>
        <translation>Month: </translation>
    </message>
    <message>
        <source>  Trend: </source>
        <translation>  Trend: </translation>
    </message>
    <message>
        <source>6 months</source>
        <translation>6 months</translation>
    </message>
    <message>
        <source>12 months</source>
        <translation>12 months</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Export PDF report…</source>
        <translation>Export PDF report…</translation>
    </message>
    <message>
        <source>Indicators…</source>
        <translation>Indicators…</translation>
    </message>
    <message>
        <source>Click a bar in a ranking to list the cases behind it.</source>
        <translation>Click a bar in a ranking to list the cases behind it.</translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation>Overdue cases</translation>
    </message>
    <message>
        <source>Cases behind the bar</source>
        <translation>Cases behind the bar</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n case(s) for the assessment…</source>
        <translation>
            <numerusform>Reading %n case for the assessment…</numerusform>
            <numerusform>Reading %n cases for the assessment…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The local store is not open.</source>
        <translation>The local store is not open.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; indicator set &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; figures as of %3&lt;br&gt;District: %4 registered · %5 whistled · %6 closed · on-time check-in %7 · on-time handling %8 · close rate %9 · satisfaction %10 · &lt;b&gt;%11 overdue&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; indicator set &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; figures as of %3&lt;br&gt;District: %4 registered · %5 whistled · %6 closed · on-time check-in %7 · on-time handling %8 · close rate %9 · satisfaction %10 · &lt;b&gt;%11 overdue&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Streets by composite score (click a bar for its cases)</source>
        <translation>Streets by composite score (click a bar for its cases)</translation>
    </message>
    <message>
        <source>Departments by composite score (click a bar for its cases)</source>
        <translation>Departments by composite score (click a bar for its cases)</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Overdue (days)</source>
        <translation>Overdue (days)</translation>
    </message>
    <message>
        <source>%1 (on hold)</source>
        <translation>%1 (on hold)</translation>
    </message>
    <message>
        <source>Overdue cases (%1)</source>
        <translation>Overdue cases (%1)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n case(s) behind its figures in %2</source>
        <translation>
            <numerusform>%1 — %n case behind its figures in %2</numerusform>
            <numerusform>%1 — %n cases behind its figures in %2</numerusform>
        </translation>
    </message>
    <message>
        <source> (first %1 shown)</source>
        <translation> (first %1 shown)</translation>
    </message>
    <message>
        <source>Export assessment as CSV</source>
        <translation>Export assessment as CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Export assessment report as PDF</source>
        <translation>Export assessment report as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Print report…</source>
        <translation>Print report…</translation>
    </message>
    <message>
        <source>Assessment report %1</source>
        <translation>Assessment report %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Publish month…</source>
        <translation>Publish month…</translation>
    </message>
    <message>
        <source>Publications</source>
        <translation>Publications</translation>
    </message>
    <message>
        <source>%1 published as revision %2.</source>
        <translation>%1 published as revision %2.</translation>
    </message>
    <message>
        <source>not fetched yet</source>
        <translation>not fetched yet</translation>
    </message>
    <message>
        <source>The district server&apos;s results could not be fetched (%1): the figures below count only the cases this computer holds, not the district&apos;s ranking.</source>
        <translation>The district server&apos;s results could not be fetched (%1): the figures below count only the cases this computer holds, not the district&apos;s ranking.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Published&lt;/b&gt;: revision %1, published %2 by %3 (data up to server sequence %4)</source>
        <translation>&lt;b&gt;Published&lt;/b&gt;: revision %1, published %2 by %3 (data up to server sequence %4)</translation>
    </message>
    <message>
        <source> · reason: %1</source>
        <translation> · reason: %1</translation>
    </message>
    <message>
        <source>— an earlier revision; revision %1 is in force.</source>
        <translation>— an earlier revision; revision %1 is in force.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not published yet&lt;/b&gt;: the district server&apos;s figures as computed at %1; they still change as events arrive.</source>
        <translation>&lt;b&gt;Not published yet&lt;/b&gt;: the district server&apos;s figures as computed at %1; they still change as events arrive.</translation>
    </message>
    <message>
        <source>Offline: shown as fetched at %1 (%2).</source>
        <translation>Offline: shown as fetched at %1 (%2).</translation>
    </message>
    <message>
        <source>Publish correction…</source>
        <translation>Publish correction…</translation>
    </message>
    <message>
        <source>Working offline: a month is published on the district server.</source>
        <translation>Working offline: a month is published on the district server.</translation>
    </message>
    <message>
        <source>%1 is not over yet: a month is published once it has ended.</source>
        <translation>%1 is not over yet: a month is published once it has ended.</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Publishing…</translation>
    </message>
    <message>
        <source>Freeze the district&apos;s results of %1: late events no longer change them; a correction is a new revision with a reason.</source>
        <translation>Freeze the district&apos;s results of %1: late events no longer change them; a correction is a new revision with a reason.</translation>
    </message>
    <message>
        <source>Not connected to the district server.</source>
        <translation>Not connected to the district server.</translation>
    </message>
    <message>
        <source>%1 was published as revision %2 on %3. A correction becomes revision %4; both stay readable.
What does this correction change? (required)</source>
        <translation>%1 was published as revision %2 on %3. A correction becomes revision %4; both stay readable.
What does this correction change? (required)</translation>
    </message>
    <message>
        <source>Publishing freezes the district&apos;s results of %1 as the server holds them now: events arriving later no longer change them, and every computer shows this ranking.
Note (optional):</source>
        <translation>Publishing freezes the district&apos;s results of %1 as the server holds them now: events arriving later no longer change them, and every computer shows this ranking.
Note (optional):</translation>
    </message>
    <message>
        <source>Publish correction of %1</source>
        <translation>Publish correction of %1</translation>
    </message>
    <message>
        <source>Publish %1</source>
        <translation>Publish %1</translation>
    </message>
    <message>
        <source>Say what the correction changes; the reason is kept with both revisions.</source>
        <translation>Say what the correction changes; the reason is kept with both revisions.</translation>
    </message>
    <message>
        <source>Year…</source>
        <translation>Year…</translation>
    </message>
</context>
<context>
    <name>gw::DeadlineSpec</name>
    <message>
        <source>%1 hours</source>
        <translation>%1 hours</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 working days</translation>
    </message>
</context>
<context>
    <name>gw::DemoDataSeeder</name>
    <message>
        <source>The demo account %1 is missing.</source>
        <translation>The demo account %1 is missing.</translation>
    </message>
    <message>
        <source>The server refused demo event %1 (%2): %3</source>
        <translation>The server refused demo event %1 (%2): %3</translation>
    </message>
    <message>
        <source>Cannot mark the database as demo data.</source>
        <translation>Cannot mark the database as demo data.</translation>
    </message>
    <message>
        <source>The database holds the demo district made at an earlier start (DEMO DATA, not real cases).</source>
        <translation>The database holds the demo district made at an earlier start (DEMO DATA, not real cases).</translation>
    </message>
    <message numerus="yes">
        <source>No demo data generated: the database already holds %n case(s).</source>
        <translation>
            <numerusform>No demo data generated: the database already holds %n case.</numerusform>
            <numerusform>No demo data generated: the database already holds %n cases.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Created %n demo account(s) for the streets and departments of the demo district, with the password %1.</source>
        <translation>
            <numerusform>Created %n demo account for the streets and departments of the demo district, with the password %1.</numerusform>
            <numerusform>Created %n demo accounts for the streets and departments of the demo district, with the password %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Filled the empty database with the demo district: %1 cases and %2 events over the last %3 days (made in %4 ms, pushed in %5 pushes in %6 ms). These are DEMO DATA, not real cases.</source>
        <translation>Filled the empty database with the demo district: %1 cases and %2 events over the last %3 days (made in %4 ms, pushed in %5 pushes in %6 ms). These are DEMO DATA, not real cases.</translation>
    </message>
    <message>
        <source>Published the demo assessment of %1 as the demo supervisor; the last month ended is left for you to publish.</source>
        <translation>Published the demo assessment of %1 as the demo supervisor; the last month ended is left for you to publish.</translation>
    </message>
</context>
<context>
    <name>gw::DemoDistrict</name>
    <message>
        <source>Demo story %1, step %2 (%3 by %4) refused: %5</source>
        <translation>Demo story %1, step %2 (%3 by %4) refused: %5</translation>
    </message>
</context>
<context>
    <name>gw::DepartmentAssignment</name>
    <message>
        <source>Summoned</source>
        <translation>Summoned</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
</context>
<context>
    <name>gw::DepartmentPicker</name>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Lead 主办</source>
        <translation>Lead 主办</translation>
    </message>
    <message>
        <source>Assist 协办</source>
        <translation>Assist 协办</translation>
    </message>
    <message>
        <source>Check-in due</source>
        <translation>Check-in due</translation>
    </message>
    <message>
        <source>Handling due</source>
        <translation>Handling due</translation>
    </message>
    <message>
        <source> (suggested)</source>
        <translation> (suggested)</translation>
    </message>
    <message>
        <source> — already lead</source>
        <translation> — already lead</translation>
    </message>
    <message>
        <source> — already assisting</source>
        <translation> — already assisting</translation>
    </message>
    <message>
        <source>Duty contact: %1, %2</source>
        <translation>Duty contact: %1, %2</translation>
    </message>
</context>
<context>
    <name>gw::DevCertificate</name>
    <message>
        <source>No certificate was given (--cert/--key) and the openssl command, needed to make a development certificate, is not installed (Debian package openssl).</source>
        <translation>No certificate was given (--cert/--key) and the openssl command, needed to make a development certificate, is not installed (Debian package openssl).</translation>
    </message>
    <message>
        <source>openssl could not make a development certificate: %1</source>
        <translation>openssl could not make a development certificate: %1</translation>
    </message>
</context>
<context>
    <name>gw::DistrictAssessment</name>
    <message>
        <source>The cases could not be read for the assessment: %1</source>
        <translation>The cases could not be read for the assessment: %1</translation>
    </message>
    <message>
        <source>%1 is not a month (yyyy-MM).</source>
        <translation>%1 is not a month (yyyy-MM).</translation>
    </message>
    <message>
        <source>Ask for 1 to %1 months, from the first to the last.</source>
        <translation>Ask for 1 to %1 months, from the first to the last.</translation>
    </message>
    <message>
        <source>Only supervisors and assessment administrators publish the district&apos;s assessment.</source>
        <translation>Only supervisors and assessment administrators publish the district&apos;s assessment.</translation>
    </message>
    <message>
        <source>%1 is not over yet: a month is published once it has ended (from %2).</source>
        <translation>%1 is not over yet: a month is published once it has ended (from %2).</translation>
    </message>
    <message>
        <source>The reason is %1 characters long; at most %2 are kept.</source>
        <translation>The reason is %1 characters long; at most %2 are kept.</translation>
    </message>
    <message>
        <source>%1 has been published before: say what this correction changes (the reason is kept with both versions).</source>
        <translation>%1 has been published before: say what this correction changes (the reason is kept with both versions).</translation>
    </message>
</context>
<context>
    <name>gw::EventType</name>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Analyzed</source>
        <translation>Analyzed</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>Whistle blown</source>
        <translation>Whistle blown</translation>
    </message>
    <message>
        <source>Department checked in</source>
        <translation>Department checked in</translation>
    </message>
    <message>
        <source>Assignment returned</source>
        <translation>Assignment returned</translation>
    </message>
    <message>
        <source>Handling feedback</source>
        <translation>Handling feedback</translation>
    </message>
    <message>
        <source>Postponement requested</source>
        <translation>Postponement requested</translation>
    </message>
    <message>
        <source>Postponement decided</source>
        <translation>Postponement decided</translation>
    </message>
    <message>
        <source>Resolved by the street</source>
        <translation>Resolved by the street</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Escalated to the city</source>
        <translation>Escalated to the city</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>On hold changed</source>
        <translation>On hold changed</translation>
    </message>
    <message>
        <source>Department rated</source>
        <translation>Department rated</translation>
    </message>
    <message>
        <source>Case number assigned</source>
        <translation>Case number assigned</translation>
    </message>
</context>
<context>
    <name>gw::FormValidation</name>
    <message>
        <source>%1 is required.</source>
        <translation>%1 is required.</translation>
    </message>
    <message>
        <source>%1 is too long: %2 characters, at most %3.</source>
        <translation>%1 is too long: %2 characters, at most %3.</translation>
    </message>
    <message>
        <source>The phone number is too long (at most 32 characters).</source>
        <translation>The phone number is too long (at most 32 characters).</translation>
    </message>
    <message>
        <source>A phone number may hold only digits, spaces, + and -.</source>
        <translation>A phone number may hold only digits, spaces, + and -.</translation>
    </message>
    <message>
        <source>The phone number is too short.</source>
        <translation>The phone number is too short.</translation>
    </message>
    <message>
        <source>Counted on weekdays only: the work calendar has no holidays for %1 yet, so this date may fall on a holiday or miss a make-up workday.</source>
        <translation>Counted on weekdays only: the work calendar has no holidays for %1 yet, so this date may fall on a holiday or miss a make-up workday.</translation>
    </message>
</context>
<context>
    <name>gw::GridCell</name>
    <message>
        <source>The area of grid cell %1 must be a GeoJSON geometry object.</source>
        <translation>The area of grid cell %1 must be a GeoJSON geometry object.</translation>
    </message>
    <message>
        <source>A grid cell&apos;s code is 3 to 32 letters, digits or hyphens, like &quot;530103001001001&quot;; &quot;%1&quot; is not one.</source>
        <translation>A grid cell&apos;s code is 3 to 32 letters, digits or hyphens, like &quot;530103001001001&quot;; &quot;%1&quot; is not one.</translation>
    </message>
    <message>
        <source>Grid cell %1 needs a name of at most %2 characters.</source>
        <translation>Grid cell %1 needs a name of at most %2 characters.</translation>
    </message>
    <message>
        <source>Grid cell %1 needs the community it belongs to.</source>
        <translation>Grid cell %1 needs the community it belongs to.</translation>
    </message>
    <message>
        <source>The area of grid cell %1: %2</source>
        <translation>The area of grid cell %1: %2</translation>
    </message>
    <message>
        <source>a polygon needs at least its outer ring.</source>
        <translation>a polygon needs at least its outer ring.</translation>
    </message>
    <message>
        <source>each ring needs at least four positions, the last repeating the first.</source>
        <translation>each ring needs at least four positions, the last repeating the first.</translation>
    </message>
    <message>
        <source>it has more than %1 positions.</source>
        <translation>it has more than %1 positions.</translation>
    </message>
    <message>
        <source>each position is [longitude, latitude] in degrees (WGS 84).</source>
        <translation>each position is [longitude, latitude] in degrees (WGS 84).</translation>
    </message>
    <message>
        <source>each ring must end at the position it starts from.</source>
        <translation>each ring must end at the position it starts from.</translation>
    </message>
    <message>
        <source>a MultiPolygon needs at least one polygon.</source>
        <translation>a MultiPolygon needs at least one polygon.</translation>
    </message>
    <message>
        <source>GeoJSON type &quot;%1&quot; is not a Polygon or MultiPolygon.</source>
        <translation>GeoJSON type &quot;%1&quot; is not a Polygon or MultiPolygon.</translation>
    </message>
</context>
<context>
    <name>gw::IndicatorEditor</name>
    <message>
        <source>Assessment indicators</source>
        <translation>Assessment indicators</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Valid: version %1, %2 indicators.</source>
        <translation>Valid: version %1, %2 indicators.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): fix them to save.</source>
        <translation>
            <numerusform>%n problem: fix it to save.</numerusform>
            <numerusform>%n problems: fix them to save.</numerusform>
        </translation>
    </message>
    <message>
        <source>Takes effect from:</source>
        <translation>Takes effect from:</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>Save on the server</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the indicator sets, in force from %2. Every computer&apos;s dashboard uses it from its next sync; this one already does.</source>
        <translation>Saved as version %1 of the indicator sets, in force from %2. Every computer&apos;s dashboard uses it from its next sync; this one already does.</translation>
    </message>
    <message>
        <source>Working offline: the indicator sets are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</source>
        <translation>Working offline: the indicator sets are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</translation>
    </message>
    <message>
        <source>Only assessment administrators change the indicator sets (an administrator gives the grant in the account console).</source>
        <translation>Only assessment administrators change the indicator sets (an administrator gives the grant in the account console).</translation>
    </message>
    <message>
        <source>The district&apos;s indicator sets, version %1, changed by %2 at %3.</source>
        <translation>The district&apos;s indicator sets, version %1, changed by %2 at %3.</translation>
    </message>
    <message>
        <source>The indicator set shipped with GridWhistle; the district server&apos;s arrives with the next sync.</source>
        <translation>The indicator set shipped with GridWhistle; the district server&apos;s arrives with the next sync.</translation>
    </message>
    <message>
        <source>In force in %1: %2 (version %3, from %4)</source>
        <translation>In force in %1: %2 (version %3, from %4)</translation>
    </message>
    <message>
        <source>Saving on the district server…</source>
        <translation>Saving on the district server…</translation>
    </message>
    <message>
        <source>The indicator set decides how streets and departments are scored. Weights per unit kind must add up to 100. Reports name the version, so change &quot;version&quot; whenever you change the rules. A month is assessed with the set in force in it.</source>
        <translation>The indicator set decides how streets and departments are scored. Weights per unit kind must add up to 100. Reports name the version, so change &quot;version&quot; whenever you change the rules. A month is assessed with the set in force in it.</translation>
    </message>
</context>
<context>
    <name>gw::IndicatorSchedule</name>
    <message>
        <source>The month a set takes effect is written like 2027-01; &quot;%1&quot; is not one.</source>
        <translation>The month a set takes effect is written like 2027-01; &quot;%1&quot; is not one.</translation>
    </message>
    <message>
        <source>The district keeps at most %1 indicator sets.</source>
        <translation>The district keeps at most %1 indicator sets.</translation>
    </message>
    <message>
        <source>The indicator schedule has no &quot;sets&quot; list.</source>
        <translation>The indicator schedule has no &quot;sets&quot; list.</translation>
    </message>
    <message>
        <source>Two indicator sets take effect in %1.</source>
        <translation>Two indicator sets take effect in %1.</translation>
    </message>
    <message>
        <source>Version %1 already names the set in force from %2, with other rules. Give the changed set its own version: reports tell the rules apart by it.</source>
        <translation>Version %1 already names the set in force from %2, with other rules. Give the changed set its own version: reports tell the rules apart by it.</translation>
    </message>
    <message>
        <source>The district&apos;s indicator sets would take more than %1 KB; remove sets no month uses any more.</source>
        <translation>The district&apos;s indicator sets would take more than %1 KB; remove sets no month uses any more.</translation>
    </message>
</context>
<context>
    <name>gw::IndicatorSet</name>
    <message>
        <source>The indicator set is not valid:
%1</source>
        <translation>The indicator set is not valid:
%1</translation>
    </message>
    <message>
        <source>Cannot read the indicator file %1: %2</source>
        <translation>Cannot read the indicator file %1: %2</translation>
    </message>
    <message>
        <source>The indicator file %1 is larger than 1 MB.</source>
        <translation>The indicator file %1 is larger than 1 MB.</translation>
    </message>
    <message>
        <source>Cannot write the indicator file %1: %2</source>
        <translation>Cannot write the indicator file %1: %2</translation>
    </message>
    <message>
        <source>missing (a number is required)</source>
        <translation>missing (a number is required)</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>must be a number</translation>
    </message>
    <message>
        <source>must not be negative (%1)</source>
        <translation>must not be negative (%1)</translation>
    </message>
    <message>
        <source>is too large (%1)</source>
        <translation>is too large (%1)</translation>
    </message>
    <message>
        <source>missing (text is required)</source>
        <translation>missing (text is required)</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>must be text</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>must not be empty</translation>
    </message>
    <message>
        <source>is too long (at most %1 characters)</source>
        <translation>is too long (at most %1 characters)</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>must be an object</translation>
    </message>
    <message>
        <source>unknown indicator id &quot;%1&quot;; known ids: %2</source>
        <translation>unknown indicator id &quot;%1&quot;; known ids: %2</translation>
    </message>
    <message>
        <source>indicator &quot;%1&quot; appears twice</source>
        <translation>indicator &quot;%1&quot; appears twice</translation>
    </message>
    <message>
        <source>missing (an object {&quot;street&quot;: n, &quot;department&quot;: n})</source>
        <translation>missing (an object {&quot;street&quot;: n, &quot;department&quot;: n})</translation>
    </message>
    <message>
        <source>must be an object {&quot;street&quot;: n, &quot;department&quot;: n}</source>
        <translation>must be an object {&quot;street&quot;: n, &quot;department&quot;: n}</translation>
    </message>
    <message>
        <source>unknown unit kind (use street or department)</source>
        <translation>unknown unit kind (use street or department)</translation>
    </message>
    <message>
        <source>give a weight for street, department or both</source>
        <translation>give a weight for street, department or both</translation>
    </message>
    <message>
        <source>floor (%1) must be below target (%2)</source>
        <translation>floor (%1) must be below target (%2)</translation>
    </message>
    <message>
        <source>target (%1) must be below ceiling (%2)</source>
        <translation>target (%1) must be below ceiling (%2)</translation>
    </message>
    <message>
        <source>a band needs floor &lt; low &lt;= high &lt; ceiling (%1, %2, %3, %4)</source>
        <translation>a band needs floor &lt; low &lt;= high &lt; ceiling (%1, %2, %3, %4)</translation>
    </message>
    <message>
        <source>must be higher, lower or band (not &quot;%1&quot;)</source>
        <translation>must be higher, lower or band (not &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>Not valid JSON at byte %1: %2</source>
        <translation>Not valid JSON at byte %1: %2</translation>
    </message>
    <message>
        <source>The indicator file must be a JSON object.</source>
        <translation>The indicator file must be a JSON object.</translation>
    </message>
    <message>
        <source>missing (a list of indicators is required)</source>
        <translation>missing (a list of indicators is required)</translation>
    </message>
    <message>
        <source>must be a non-empty list</source>
        <translation>must be a non-empty list</translation>
    </message>
    <message>
        <source>at most %1 indicators</source>
        <translation>at most %1 indicators</translation>
    </message>
    <message>
        <source>street weights add up to %1, not 100</source>
        <translation>street weights add up to %1, not 100</translation>
    </message>
    <message>
        <source>department weights add up to %1, not 100</source>
        <translation>department weights add up to %1, not 100</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>unknown callback result (use satisfied, basic, dissatisfied)</source>
        <translation>unknown callback result (use satisfied, basic, dissatisfied)</translation>
    </message>
    <message>
        <source>must be at most 100</source>
        <translation>must be at most 100</translation>
    </message>
    <message>
        <source>missing (points for the 1st, 2nd, ... failed verification)</source>
        <translation>missing (points for the 1st, 2nd, ... failed verification)</translation>
    </message>
    <message>
        <source>must be a non-empty list of numbers</source>
        <translation>must be a non-empty list of numbers</translation>
    </message>
    <message>
        <source>a repeated failure must not deduct less than the one before</source>
        <translation>a repeated failure must not deduct less than the one before</translation>
    </message>
    <message>
        <source>must be an object {&quot;method&quot;: &quot;mean&quot; or &quot;weighted&quot;, ...}</source>
        <translation>must be an object {&quot;method&quot;: &quot;mean&quot; or &quot;weighted&quot;, ...}</translation>
    </message>
    <message>
        <source>unknown field (use method, monthWeights, minimumMonths, description)</source>
        <translation>unknown field (use method, monthWeights, minimumMonths, description)</translation>
    </message>
    <message>
        <source>must be mean or weighted (not &quot;%1&quot;)</source>
        <translation>must be mean or weighted (not &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>must be a whole number of months, 1 to 12</source>
        <translation>must be a whole number of months, 1 to 12</translation>
    </message>
    <message>
        <source>a weighted roll-up needs 12 month weights (January first)</source>
        <translation>a weighted roll-up needs 12 month weights (January first)</translation>
    </message>
    <message>
        <source>must be a number, not negative</source>
        <translation>must be a number, not negative</translation>
    </message>
    <message>
        <source>at least one month must weigh more than 0</source>
        <translation>at least one month must weigh more than 0</translation>
    </message>
    <message>
        <source>month weights are only for the weighted method</source>
        <translation>month weights are only for the weighted method</translation>
    </message>
</context>
<context>
    <name>gw::InstallCheck</name>
    <message>
        <source>Local store (SQLite) opens and migrates</source>
        <translation>Local store (SQLite) opens and migrates</translation>
    </message>
    <message>
        <source>Sync layer is built in</source>
        <translation>Sync layer is built in</translation>
    </message>
    <message>
        <source>Server address and CA certificate are usable</source>
        <translation>Server address and CA certificate are usable</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>no answer from %1 within %2 s</translation>
    </message>
    <message>
        <source>Log in over TLS as %1</source>
        <translation>Log in over TLS as %1</translation>
    </message>
    <message>
        <source>Installation check</source>
        <translation>Installation check</translation>
    </message>
    <message>
        <source>Registered by gridwhistle --check-install on %1 to prove the installation works; no action needed.</source>
        <translation>Registered by gridwhistle --check-install on %1 to prove the installation works; no action needed.</translation>
    </message>
    <message>
        <source>(installation check)</source>
        <translation>(installation check)</translation>
    </message>
    <message>
        <source>Register a case in the local store</source>
        <translation>Register a case in the local store</translation>
    </message>
    <message>
        <source>sync did not finish within %1 s</source>
        <translation>sync did not finish within %1 s</translation>
    </message>
    <message>
        <source>Sync with the district server</source>
        <translation>Sync with the district server</translation>
    </message>
    <message>
        <source>The server holds the case</source>
        <translation>The server holds the case</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>number %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>no answer</translation>
    </message>
    <message>
        <source>screenshot saved to %1</source>
        <translation>screenshot saved to %1</translation>
    </message>
    <message>
        <source>cannot save the screenshot to %1</source>
        <translation>cannot save the screenshot to %1</translation>
    </message>
    <message>
        <source>Main window opens</source>
        <translation>Main window opens</translation>
    </message>
    <message>
        <source>Installation check passed.</source>
        <translation>Installation check passed.</translation>
    </message>
    <message>
        <source>skipped: %1 does not register cases</source>
        <translation>skipped: %1 does not register cases</translation>
    </message>
</context>
<context>
    <name>gw::LocalDatabase</name>
    <message>
        <source>The data file %1 is damaged or is not a GridWhistle data file (%2). Restore it from a backup, or move it away to start with an empty one.</source>
        <translation>The data file %1 is damaged or is not a GridWhistle data file (%2). Restore it from a backup, or move it away to start with an empty one.</translation>
    </message>
    <message>
        <source>The data file %1 is in use by another program. Close it and try again.</source>
        <translation>The data file %1 is in use by another program. Close it and try again.</translation>
    </message>
    <message>
        <source>The data file %1 is read-only. Make it writable or choose another file.</source>
        <translation>The data file %1 is read-only. Make it writable or choose another file.</translation>
    </message>
    <message>
        <source>The data file %1 cannot be opened: %2</source>
        <translation>The data file %1 cannot be opened: %2</translation>
    </message>
    <message>
        <source>The local data file is not open.</source>
        <translation>The local data file is not open.</translation>
    </message>
    <message>
        <source>The local data file could not be updated (%1): the disk is full or cannot be written. Free some disk space and try again; everything saved before is kept. (%2)</source>
        <translation>The local data file could not be updated (%1): the disk is full or cannot be written. Free some disk space and try again; everything saved before is kept. (%2)</translation>
    </message>
    <message>
        <source>The local data file could not be updated (%1): %2</source>
        <translation>The local data file could not be updated (%1): %2</translation>
    </message>
    <message>
        <source>No data file was given.</source>
        <translation>No data file was given.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 is not a file.</translation>
    </message>
    <message>
        <source>The folder %1 for the data file cannot be created. Choose a folder you may write to.</source>
        <translation>The folder %1 for the data file cannot be created. Choose a folder you may write to.</translation>
    </message>
    <message>
        <source>The folder %1 is not writable. The data file keeps its journal next to it, so choose a folder you may write to.</source>
        <translation>The folder %1 is not writable. The data file keeps its journal next to it, so choose a folder you may write to.</translation>
    </message>
    <message>
        <source>The SQLite driver of Qt (QSQLITE) is not installed.</source>
        <translation>The SQLite driver of Qt (QSQLITE) is not installed.</translation>
    </message>
    <message>
        <source>The data file %1 cannot use write-ahead logging (journal mode stays &quot;%2&quot;).</source>
        <translation>The data file %1 cannot use write-ahead logging (journal mode stays &quot;%2&quot;).</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>commit</translation>
    </message>
</context>
<context>
    <name>gw::LocalServerLauncher</name>
    <message>
        <source>The local district server did not report that it is ready within %1 seconds.</source>
        <translation>The local district server did not report that it is ready within %1 seconds.</translation>
    </message>
    <message>
        <source>Cannot start the local district server &quot;%1&quot;: %2</source>
        <translation>Cannot start the local district server &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>The local district server crashed while starting.%1</source>
        <translation>The local district server crashed while starting.%1</translation>
    </message>
    <message>
        <source>The local district server stopped while starting (exit code %1).%2</source>
        <translation>The local district server stopped while starting (exit code %1).%2</translation>
    </message>
    <message>
        <source>The district server program (%1) was not found next to the client. Reinstall GridWhistle or connect to the district server instead.</source>
        <translation>The district server program (%1) was not found next to the client. Reinstall GridWhistle or connect to the district server instead.</translation>
    </message>
    <message>
        <source>Cannot create the server&apos;s data folder %1.</source>
        <translation>Cannot create the server&apos;s data folder %1.</translation>
    </message>
    <message>
        <source>Another GridWhistle window (process %1) is already running the district server on this computer. Sign in there, or close it and try again.</source>
        <translation>Another GridWhistle window (process %1) is already running the district server on this computer. Sign in there, or close it and try again.</translation>
    </message>
    <message>
        <source>Cannot lock the server&apos;s data folder %1.</source>
        <translation>Cannot lock the server&apos;s data folder %1.</translation>
    </message>
    <message>
        <source>A district server left running by an earlier start (process %1) cannot be stopped: %2</source>
        <translation>A district server left running by an earlier start (process %1) cannot be stopped: %2</translation>
    </message>
    <message>
        <source>A district server left running by an earlier start (process %1) did not stop. End it in the task manager and try again.</source>
        <translation>A district server left running by an earlier start (process %1) did not stop. End it in the task manager and try again.</translation>
    </message>
    <message>
        <source>The local district server could not start: %1</source>
        <translation>The local district server could not start: %1</translation>
    </message>
</context>
<context>
    <name>gw::LockScreen</name>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Quit GridWhistle</source>
        <translation>Quit GridWhistle</translation>
    </message>
    <message>
        <source>GridWhistle is locked</source>
        <translation>GridWhistle is locked</translation>
    </message>
    <message numerus="yes">
        <source>Nobody used this window for %n minute(s). To go on, %1 (%2) enters their password. Actions not yet sent are kept on this computer.</source>
        <translation>
            <numerusform>Nobody used this window for %n minute. To go on, %1 (%2) enters their password. Actions not yet sent are kept on this computer.</numerusform>
            <numerusform>Nobody used this window for %n minutes. To go on, %1 (%2) enters their password. Actions not yet sent are kept on this computer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gw::LoginDialog</name>
    <message>
        <source>Login failed: %1</source>
        <translation>Login failed: %1</translation>
    </message>
    <message>
        <source>GridWhistle — sign in</source>
        <translation>GridWhistle — sign in</translation>
    </message>
    <message>
        <source>GridWhistle grid command center</source>
        <translation>GridWhistle grid command center</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>First start on this computer. To try GridWhistle or work at a single desk, keep &quot;Start a district server on this computer&quot; and sign in with a demo account (e.g. dispatcher, password %1). To join your district, choose &quot;Connect to the district server&quot; and enter the address IT gave you; Settings holds the CA certificate file.</source>
        <translation>First start on this computer. To try GridWhistle or work at a single desk, keep &quot;Start a district server on this computer&quot; and sign in with a demo account (e.g. dispatcher, password %1). To join your district, choose &quot;Connect to the district server&quot; and enter the address IT gave you; Settings holds the CA certificate file.</translation>
    </message>
    <message>
        <source>Start a district server on this computer</source>
        <translation>Start a district server on this computer</translation>
    </message>
    <message>
        <source>Connect to the district server</source>
        <translation>Connect to the district server</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>Work offline</translation>
    </message>
    <message>
        <source>Use the session last signed in on this computer; changes are sent at the next sync</source>
        <translation>Use the session last signed in on this computer; changes are sent at the next sync</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Enter your user name.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Starting the district server on this computer…</source>
        <translation>Starting the district server on this computer…</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Signing in to %1…</translation>
    </message>
    <message>
        <source>Enter your password. Working offline needs the password of your last online sign-in on this computer.</source>
        <translation>Enter your password. Working offline needs the password of your last online sign-in on this computer.</translation>
    </message>
    <message>
        <source>Choose your own password to sign in as %1.</source>
        <translation>Choose your own password to sign in as %1.</translation>
    </message>
</context>
<context>
    <name>gw::MainWindow</name>
    <message>
        <source>Export selected cases…</source>
        <translation>Export selected cases…</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>Export list…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <source>S&amp;upervisor</source>
        <translation>S&amp;upervisor</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>&amp;New case…</translation>
    </message>
    <message>
        <source>Register a new case (Ctrl+N)</source>
        <translation>Register a new case (Ctrl+N)</translation>
    </message>
    <message>
        <source>Export the selected cases, or the whole list, as CSV for Excel (Ctrl+E)</source>
        <translation>Export the selected cases, or the whole list, as CSV for Excel (Ctrl+E)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Next case</source>
        <translation>&amp;Next case</translation>
    </message>
    <message>
        <source>&amp;Previous case</source>
        <translation>&amp;Previous case</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <source>Send waiting actions and fetch changes from the district server (F5)</source>
        <translation>Send waiting actions and fetch changes from the district server (F5)</translation>
    </message>
    <message>
        <source>&amp;Conflict inbox…</source>
        <translation>&amp;Conflict inbox…</translation>
    </message>
    <message>
        <source>&amp;Assessment dashboard</source>
        <translation>&amp;Assessment dashboard</translation>
    </message>
    <message>
        <source>Assessment of streets and departments (Ctrl+D)</source>
        <translation>Assessment of streets and departments (Ctrl+D)</translation>
    </message>
    <message>
        <source>&amp;About GridWhistle</source>
        <translation>&amp;About GridWhistle</translation>
    </message>
    <message>
        <source>GridWhistle — %1%2</source>
        <translation>GridWhistle — %1%2</translation>
    </message>
    <message>
        <source> [offline]</source>
        <translation> [offline]</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Signed in as %1 (%2)</translation>
    </message>
    <message>
        <source>Cases waiting for a step that your role takes now</source>
        <translation>Cases waiting for a step that your role takes now</translation>
    </message>
    <message>
        <source>Open cases past a deadline</source>
        <translation>Open cases past a deadline</translation>
    </message>
    <message>
        <source>Every case you may see</source>
        <translation>Every case you may see</translation>
    </message>
    <message>
        <source>%1 of %2 cases loaded</source>
        <translation>%1 of %2 cases loaded</translation>
    </message>
    <message>
        <source>The list can be sorted by number, registration time or next deadline.</source>
        <translation>The list can be sorted by number, registration time or next deadline.</translation>
    </message>
    <message>
        <source>Not signed in to a district server: restart GridWhistle and sign in to synchronise.</source>
        <translation>Not signed in to a district server: restart GridWhistle and sign in to synchronise.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n case(s) to %1</source>
        <translation>
            <numerusform>Exported %n case to %1</numerusform>
            <numerusform>Exported %n cases to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>cases-%1.csv</source>
        <translation>cases-%1.csv</translation>
    </message>
    <message>
        <source>Export cases</source>
        <translation>Export cases</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>About GridWhistle</source>
        <translation>About GridWhistle</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GridWhistle %1&lt;/h3&gt;&lt;p&gt;Grid command center for Panlong District: streets blow the whistle, departments report for duty (街道吹哨、部门报到).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GridWhistle %1&lt;/h3&gt;&lt;p&gt;Grid command center for Panlong District: streets blow the whistle, departments report for duty (街道吹哨、部门报到).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>C&amp;ity exchange…</source>
        <translation>C&amp;ity exchange…</translation>
    </message>
    <message>
        <source>Exchanges with the city platform: failed messages, retry, pull, reconcile</source>
        <translation>Exchanges with the city platform: failed messages, retry, pull, reconcile</translation>
    </message>
    <message>
        <source>Build %1 · commit %2 · %3 · Qt %4
Data folder: %5</source>
        <translation>Build %1 · commit %2 · %3 · Qt %4
Data folder: %5</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <source>Fetching cases from the district server…</source>
        <translation>Fetching cases from the district server…</translation>
    </message>
    <message>
        <source> [demo data]</source>
        <translation> [demo data]</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>The district server on this computer holds a made-up demo district, not real cases.</source>
        <translation>The district server on this computer holds a made-up demo district, not real cases.</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>Change my &amp;password…</translation>
    </message>
</context>
<context>
    <name>gw::MaintenanceCommand</name>
    <message>
        <source>Usage: gridwhistle-server backup  --data-dir DIR --output FILE   (online, while the server runs)
       gridwhistle-server restore --data-dir DIR --input FILE    (the server must be stopped)
  --config FILE and GW_SERVER_* variables are read as for the server.
  PostgreSQL (--database URL): use pg_dump / pg_restore, see docs/server.md.
</source>
        <translation>Usage: gridwhistle-server backup  --data-dir DIR --output FILE   (online, while the server runs)
       gridwhistle-server restore --data-dir DIR --input FILE    (the server must be stopped)
  --config FILE and GW_SERVER_* variables are read as for the server.
  PostgreSQL (--database URL): use pg_dump / pg_restore, see docs/server.md.
</translation>
    </message>
    <message>
        <source>%1 needs a file name.</source>
        <translation>%1 needs a file name.</translation>
    </message>
    <message>
        <source>%1 FILE is required.</source>
        <translation>%1 FILE is required.</translation>
    </message>
    <message>
        <source>This server keeps its data in PostgreSQL. Back up with pg_dump --format=custom and restore with pg_restore, as shown in docs/server.md.</source>
        <translation>This server keeps its data in PostgreSQL. Back up with pg_dump --format=custom and restore with pg_restore, as shown in docs/server.md.</translation>
    </message>
    <message>
        <source>Backed up %1 to %2 (%3); integrity check passed.</source>
        <translation>Backed up %1 to %2 (%3); integrity check passed.</translation>
    </message>
    <message>
        <source>A gridwhistle-server is running on %1. Stop it first (systemctl stop gridwhistle-server), then restore.</source>
        <translation>A gridwhistle-server is running on %1. Stop it first (systemctl stop gridwhistle-server), then restore.</translation>
    </message>
    <message>
        <source>Restored %1 from %2 (%3).</source>
        <translation>Restored %1 from %2 (%3).</translation>
    </message>
    <message>
        <source>The previous database was kept as %1.</source>
        <translation>The previous database was kept as %1.</translation>
    </message>
    <message>
        <source>Start the server; it upgrades the schema if the backup is older.</source>
        <translation>Start the server; it upgrades the schema if the backup is older.</translation>
    </message>
    <message>
        <source>schema version %1, %2 events, %3 cases, %4 users, %5 KB</source>
        <translation>schema version %1, %2 events, %3 cases, %4 users, %5 KB</translation>
    </message>
</context>
<context>
    <name>gw::Migrations</name>
    <message>
        <source>This data file has schema version %1, newer than this program understands (%2). Install the newer GridWhistle.</source>
        <translation>This data file has schema version %1, newer than this program understands (%2). Install the newer GridWhistle.</translation>
    </message>
</context>
<context>
    <name>gw::OfficeHoursBox</name>
    <message>
        <source>Office hours</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <source>Save office hours</source>
        <translation>Save office hours</translation>
    </message>
    <message>
        <source>The step clocks (研判, 审核, 发起吹哨, 核查, 结案) count working hours only within these times</source>
        <translation>The step clocks (研判, 审核, 发起吹哨, 核查, 结案) count working hours only within these times</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>Morning</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>Afternoon</translation>
    </message>
    <message numerus="yes">
        <source>%n office hour(s) a working day</source>
        <translation>
            <numerusform>%n office hour a working day</numerusform>
            <numerusform>%n office hours a working day</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min a working day</source>
        <translation>%1 h %2 min a working day</translation>
    </message>
    <message>
        <source>Nothing to save: these are the district&apos;s office hours already.</source>
        <translation>Nothing to save: these are the district&apos;s office hours already.</translation>
    </message>
</context>
<context>
    <name>gw::OfflineCredentials</name>
    <message>
        <source>%1 has not signed in online on this computer yet (or the district server has since refused that sign-in). Sign in online once; after that %1 can work offline.</source>
        <translation>%1 has not signed in online on this computer yet (or the district server has since refused that sign-in). Sign in online once; after that %1 can work offline.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Try again after %1.</source>
        <translation>Too many wrong passwords. Try again after %1.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong password for %1 (%n attempt(s) left before a pause).</source>
        <translation>
            <numerusform>Wrong password for %1 (%n attempt left before a pause).</numerusform>
            <numerusform>Wrong password for %1 (%n attempts left before a pause).</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong password for %1. Wait before trying again.</source>
        <translation>Wrong password for %1. Wait before trying again.</translation>
    </message>
</context>
<context>
    <name>gw::OrgDirectory</name>
    <message>
        <source>Org unit file is not valid JSON: %1</source>
        <translation>Org unit file is not valid JSON: %1</translation>
    </message>
    <message>
        <source>Org unit id %1 appears twice.</source>
        <translation>Org unit id %1 appears twice.</translation>
    </message>
    <message>
        <source>Community %1 must name an existing street as its parent.</source>
        <translation>Community %1 must name an existing street as its parent.</translation>
    </message>
    <message>
        <source>Cannot read org unit file %1: %2</source>
        <translation>Cannot read org unit file %1: %2</translation>
    </message>
    <message>
        <source>The org directory has no &quot;units&quot; list.</source>
        <translation>The org directory has no &quot;units&quot; list.</translation>
    </message>
    <message>
        <source>The org directory&apos;s &quot;gridCells&quot; must be a list.</source>
        <translation>The org directory&apos;s &quot;gridCells&quot; must be a list.</translation>
    </message>
    <message>
        <source>Org unit #%1: %2</source>
        <translation>Org unit #%1: %2</translation>
    </message>
    <message>
        <source>Grid cell #%1: %2</source>
        <translation>Grid cell #%1: %2</translation>
    </message>
    <message>
        <source>Only a community has a parent unit; %1 is %2.</source>
        <translation>Only a community has a parent unit; %1 is %2.</translation>
    </message>
    <message>
        <source>Grid cell code %1 is already used.</source>
        <translation>Grid cell code %1 is already used.</translation>
    </message>
    <message>
        <source>Grid cell %1 must belong to an existing community; &quot;%2&quot; is not one.</source>
        <translation>Grid cell %1 must belong to an existing community; &quot;%2&quot; is not one.</translation>
    </message>
    <message>
        <source>Org unit code %1 is already used by %2.</source>
        <translation>Org unit code %1 is already used by %2.</translation>
    </message>
    <message>
        <source>There is no org unit %1.</source>
        <translation>There is no org unit %1.</translation>
    </message>
    <message>
        <source>%1 stays %2: cases and accounts name it.</source>
        <translation>%1 stays %2: cases and accounts name it.</translation>
    </message>
    <message>
        <source>Grid cell code %1 is already used by %2.</source>
        <translation>Grid cell code %1 is already used by %2.</translation>
    </message>
    <message>
        <source>There is no grid cell %1.</source>
        <translation>There is no grid cell %1.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>kind</translation>
    </message>
    <message>
        <source>street</source>
        <translation>street</translation>
    </message>
    <message>
        <source>community</source>
        <translation>community</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in use</translation>
    </message>
    <message>
        <source>duty contact</source>
        <translation>duty contact</translation>
    </message>
    <message>
        <source>duty phone</source>
        <translation>duty phone</translation>
    </message>
    <message>
        <source>area</source>
        <translation>area</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message numerus="yes">
        <source>GeoJSON, %n position(s)</source>
        <translation>
            <numerusform>GeoJSON, %n position</numerusform>
            <numerusform>GeoJSON, %n positions</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 already has a grid cell named %2.</source>
        <translation>%1 already has a grid cell named %2.</translation>
    </message>
    <message>
        <source>Only communities and departments are added here; %1 is %2.</source>
        <translation>Only communities and departments are added here; %1 is %2.</translation>
    </message>
    <message>
        <source>%1 stays under %2: its cases were registered there. Add a new community under the other street and stop using this one.</source>
        <translation>%1 stays under %2: its cases were registered there. Add a new community under the other street and stop using this one.</translation>
    </message>
</context>
<context>
    <name>gw::OrgDirectoryDialog</name>
    <message>
        <source>Org directory and grid cells</source>
        <translation>Org directory and grid cells</translation>
    </message>
    <message>
        <source>Unit / grid cell</source>
        <translation>Unit / grid cell</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>New community</source>
        <translation>New community</translation>
    </message>
    <message>
        <source>New grid cell</source>
        <translation>New grid cell</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>New department</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>Save on the server</translation>
    </message>
    <message>
        <source>Import grid cell area</source>
        <translation>Import grid cell area</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the org directory. Other computers use it from their next sync; this one already does.</source>
        <translation>Saved as version %1 of the org directory. Other computers use it from their next sync; this one already does.</translation>
    </message>
    <message>
        <source>Working offline: the org directory is shown as last synced and cannot be changed. It is kept on the district server; sign in online to change it.</source>
        <translation>Working offline: the org directory is shown as last synced and cannot be changed. It is kept on the district server; sign in online to change it.</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s org directory and grid cells.</source>
        <translation>Only administrators change the district&apos;s org directory and grid cells.</translation>
    </message>
    <message>
        <source>e.g. community.tuodong.4</source>
        <translation>e.g. community.tuodong.4</translation>
    </message>
    <message>
        <source>e.g. 值班室</source>
        <translation>e.g. 值班室</translation>
    </message>
    <message>
        <source>e.g. 0871-63110001</source>
        <translation>e.g. 0871-63110001</translation>
    </message>
    <message>
        <source>In use (offered in forms)</source>
        <translation>In use (offered in forms)</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Street:</source>
        <translation>Street:</translation>
    </message>
    <message>
        <source>Duty contact:</source>
        <translation>Duty contact:</translation>
    </message>
    <message>
        <source>Duty phone:</source>
        <translation>Duty phone:</translation>
    </message>
    <message>
        <source>A unit&apos;s code never changes once saved: cases, accounts and assessments name it. A unit no longer in use is kept for the cases it has, and no longer offered in forms.</source>
        <translation>A unit&apos;s code never changes once saved: cases, accounts and assessments name it. A unit no longer in use is kept for the cases it has, and no longer offered in forms.</translation>
    </message>
    <message>
        <source>e.g. 530103001001003</source>
        <translation>e.g. 530103001001003</translation>
    </message>
    <message>
        <source>Optional: the cell&apos;s boundary as GeoJSON (a Polygon or MultiPolygon in WGS 84 longitude/latitude), pasted or imported from a file.</source>
        <translation>Optional: the cell&apos;s boundary as GeoJSON (a Polygon or MultiPolygon in WGS 84 longitude/latitude), pasted or imported from a file.</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <source>Grid cell code:</source>
        <translation>Grid cell code:</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>Community:</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>Area:</translation>
    </message>
    <message>
        <source>Grid cell codes follow the district&apos;s numbering (GB/T 30428: district 6 digits, street 3, community 3, cell 3). The registration form offers the cells of the chosen community.</source>
        <translation>Grid cell codes follow the district&apos;s numbering (GB/T 30428: district 6 digits, street 3, community 3, cell 3). The registration form offers the cells of the chosen community.</translation>
    </message>
    <message>
        <source>%1 (not in use)</source>
        <translation>%1 (not in use)</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The area is not GeoJSON: %1 at character %2.</source>
        <translation>The area is not GeoJSON: %1 at character %2.</translation>
    </message>
    <message>
        <source>%1 cannot be read, or is larger than 4 MB.</source>
        <translation>%1 cannot be read, or is larger than 4 MB.</translation>
    </message>
    <message>
        <source>%1 holds no usable area: %2</source>
        <translation>%1 holds no usable area: %2</translation>
    </message>
    <message>
        <source>Saving on the district server…</source>
        <translation>Saving on the district server…</translation>
    </message>
    <message>
        <source>%1 streets, %2 communities, %3 grid cells, %4 departments.</source>
        <translation>%1 streets, %2 communities, %3 grid cells, %4 departments.</translation>
    </message>
    <message>
        <source>The district&apos;s org directory, version %1, changed by %2 at %3. %4</source>
        <translation>The district&apos;s org directory, version %1, changed by %2 at %3. %4</translation>
    </message>
    <message>
        <source>The org directory shipped with GridWhistle; the district server&apos;s arrives with the next sync. %1</source>
        <translation>The org directory shipped with GridWhistle; the district server&apos;s arrives with the next sync. %1</translation>
    </message>
    <message>
        <source>No area: the cell is not drawn on maps.</source>
        <translation>No area: the cell is not drawn on maps.</translation>
    </message>
    <message numerus="yes">
        <source>%n position(s); longitude %1–%2, latitude %3–%4</source>
        <translation>
            <numerusform>%n position; longitude %1–%2, latitude %3–%4</numerusform>
            <numerusform>%n positions; longitude %1–%2, latitude %3–%4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gw::OrgUnit</name>
    <message>
        <source>the command center</source>
        <translation>the command center</translation>
    </message>
    <message>
        <source>a street office</source>
        <translation>a street office</translation>
    </message>
    <message>
        <source>a community</source>
        <translation>a community</translation>
    </message>
    <message>
        <source>a department</source>
        <translation>a department</translation>
    </message>
    <message>
        <source>An org unit&apos;s code is lower-case letters, digits and dots, like &quot;community.tuodong.4&quot;; &quot;%1&quot; is not one.</source>
        <translation>An org unit&apos;s code is lower-case letters, digits and dots, like &quot;community.tuodong.4&quot;; &quot;%1&quot; is not one.</translation>
    </message>
    <message>
        <source>Org unit %1 needs a name of at most %2 characters.</source>
        <translation>Org unit %1 needs a name of at most %2 characters.</translation>
    </message>
    <message>
        <source>Org unit %1 has an unknown kind &quot;%2&quot;.</source>
        <translation>Org unit %1 has an unknown kind &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The duty contact of %1 is longer than %2 characters.</source>
        <translation>The duty contact of %1 is longer than %2 characters.</translation>
    </message>
    <message>
        <source>The duty phone of %1 is 5 to 20 digits (hyphens and spaces allowed); &quot;%2&quot; is not one.</source>
        <translation>The duty phone of %1 is 5 to 20 digits (hyphens and spaces allowed); &quot;%2&quot; is not one.</translation>
    </message>
    <message>
        <source>The duty contact of %1 needs both a name and a phone number.</source>
        <translation>The duty contact of %1 needs both a name and a phone number.</translation>
    </message>
</context>
<context>
    <name>gw::PagedPrinter</name>
    <message>
        <source>The printer did not take page %1.</source>
        <translation>The printer did not take page %1.</translation>
    </message>
    <message>
        <source>Cannot start printing.</source>
        <translation>Cannot start printing.</translation>
    </message>
</context>
<context>
    <name>gw::ParentWatch</name>
    <message>
        <source>Process %1, which started this server, is not running.</source>
        <translation>Process %1, which started this server, is not running.</translation>
    </message>
    <message>
        <source>--parent-pid needs the standard input to be a pipe from process %1 (the desktop client starts the server that way).</source>
        <translation>--parent-pid needs the standard input to be a pipe from process %1 (the desktop client starts the server that way).</translation>
    </message>
</context>
<context>
    <name>gw::PasswordPolicy</name>
    <message>
        <source>A password is %1 to %2 characters.</source>
        <translation>A password is %1 to %2 characters.</translation>
    </message>
    <message>
        <source>The password must not be your login id.</source>
        <translation>The password must not be your login id.</translation>
    </message>
    <message>
        <source>The password must not be the demo accounts&apos; password.</source>
        <translation>The password must not be the demo accounts&apos; password.</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>The new password must differ from the current one.</translation>
    </message>
</context>
<context>
    <name>gw::PhraseBook</name>
    <message>
        <source>Analysis note</source>
        <translation>Analysis note</translation>
    </message>
    <message>
        <source>Review reason</source>
        <translation>Review reason</translation>
    </message>
    <message>
        <source>Note to the departments</source>
        <translation>Note to the departments</translation>
    </message>
    <message>
        <source>Check-in note</source>
        <translation>Check-in note</translation>
    </message>
    <message>
        <source>Reason for returning</source>
        <translation>Reason for returning</translation>
    </message>
    <message>
        <source>Handling feedback</source>
        <translation>Handling feedback</translation>
    </message>
    <message>
        <source>Reason for postponement</source>
        <translation>Reason for postponement</translation>
    </message>
    <message>
        <source>Postponement decision</source>
        <translation>Postponement decision</translation>
    </message>
    <message>
        <source>Reason for rework</source>
        <translation>Reason for rework</translation>
    </message>
    <message>
        <source>Closing summary</source>
        <translation>Closing summary</translation>
    </message>
    <message>
        <source>Reason for escalation</source>
        <translation>Reason for escalation</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <source>Reason for holding</source>
        <translation>Reason for holding</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>A phrase field is named in lower-case letters, digits and &quot;_&quot;, like &quot;return_reason&quot;; &quot;%1&quot; is not one.</source>
        <translation>A phrase field is named in lower-case letters, digits and &quot;_&quot;, like &quot;return_reason&quot;; &quot;%1&quot; is not one.</translation>
    </message>
    <message>
        <source>%1 has %2 phrases; at most %3 are kept per field.</source>
        <translation>%1 has %2 phrases; at most %3 are kept per field.</translation>
    </message>
    <message>
        <source>A phrase of %1 is empty or starts or ends with spaces.</source>
        <translation>A phrase of %1 is empty or starts or ends with spaces.</translation>
    </message>
    <message>
        <source>A phrase of %1 has %2 characters; at most %3.</source>
        <translation>A phrase of %1 has %2 characters; at most %3.</translation>
    </message>
    <message>
        <source>A phrase of %1 holds a line break or tab: &quot;%2&quot;.</source>
        <translation>A phrase of %1 holds a line break or tab: &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice under %2.</source>
        <translation>&quot;%1&quot; is listed twice under %2.</translation>
    </message>
    <message>
        <source>The phrase book has no &quot;phrases&quot; object.</source>
        <translation>The phrase book has no &quot;phrases&quot; object.</translation>
    </message>
    <message>
        <source>The phrase book has %1 fields; at most %2.</source>
        <translation>The phrase book has %1 fields; at most %2.</translation>
    </message>
    <message>
        <source>The phrases of &quot;%1&quot; must be a list of texts.</source>
        <translation>The phrases of &quot;%1&quot; must be a list of texts.</translation>
    </message>
    <message>
        <source>The phrase book is not valid JSON: %1</source>
        <translation>The phrase book is not valid JSON: %1</translation>
    </message>
</context>
<context>
    <name>gw::PhraseBookDialog</name>
    <message>
        <source>Phrase templates</source>
        <translation>Phrase templates</translation>
    </message>
    <message>
        <source>New phrase, e.g. 已现场处置完毕</source>
        <translation>New phrase, e.g. 已现场处置完毕</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>The forms offer these phrases on every computer, in this order, before each person&apos;s own. A phrase is at most %1 characters on one line.</source>
        <translation>The forms offer these phrases on every computer, in this order, before each person&apos;s own. A phrase is at most %1 characters on one line.</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>Save on the server</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the phrase templates. Other computers offer them from their next sync; this one already does.</source>
        <translation>Saved as version %1 of the phrase templates. Other computers offer them from their next sync; this one already does.</translation>
    </message>
    <message>
        <source>Working offline: the district&apos;s phrases are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</source>
        <translation>Working offline: the district&apos;s phrases are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s phrase templates.</source>
        <translation>Only administrators change the district&apos;s phrase templates.</translation>
    </message>
    <message>
        <source>The district&apos;s phrase templates, version %1, changed by %2 at %3.</source>
        <translation>The district&apos;s phrase templates, version %1, changed by %2 at %3.</translation>
    </message>
    <message>
        <source>The phrases shipped with GridWhistle; the district server&apos;s arrive with the next sync.</source>
        <translation>The phrases shipped with GridWhistle; the district server&apos;s arrive with the next sync.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, not saved</source>
        <translation>%1, not saved</translation>
    </message>
    <message>
        <source>Nothing to save: the phrases of %1 are as the server has them.</source>
        <translation>Nothing to save: the phrases of %1 are as the server has them.</translation>
    </message>
    <message>
        <source>Saving on the district server…</source>
        <translation>Saving on the district server…</translation>
    </message>
    <message>
        <source>The phrases of %1 are not saved on the server. Close and discard them?</source>
        <translation>The phrases of %1 are not saved on the server. Close and discard them?</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>gw::PhraseCombo</name>
    <message>
        <source>Common phrases (常用语): pick one to insert it</source>
        <translation>Common phrases (常用语): pick one to insert it</translation>
    </message>
    <message>
        <source>(no common phrases yet)</source>
        <translation>(no common phrases yet)</translation>
    </message>
    <message>
        <source>Insert a common phrase…</source>
        <translation>Insert a common phrase…</translation>
    </message>
    <message>
        <source>My phrases…</source>
        <translation>My phrases…</translation>
    </message>
    <message>
        <source>District phrase</source>
        <translation>District phrase</translation>
    </message>
    <message>
        <source>My phrase</source>
        <translation>My phrase</translation>
    </message>
</context>
<context>
    <name>gw::PhraseEditorDialog</name>
    <message>
        <source>New phrase</source>
        <translation>New phrase</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>Phrase</translation>
    </message>
    <message>
        <source>My phrases</source>
        <translation>My phrases</translation>
    </message>
    <message>
        <source>Your own phrases for %1, offered after the district&apos;s. The district&apos;s phrases are kept by the administrators (Administration → Phrase templates).</source>
        <translation>Your own phrases for %1, offered after the district&apos;s. The district&apos;s phrases are kept by the administrators (Administration → Phrase templates).</translation>
    </message>
</context>
<context>
    <name>gw::PhraseStore</name>
    <message>
        <source>A phrase needs a kind of at most 64 characters.</source>
        <translation>A phrase needs a kind of at most 64 characters.</translation>
    </message>
    <message>
        <source>The phrase is empty.</source>
        <translation>The phrase is empty.</translation>
    </message>
    <message>
        <source>The phrase is too long: %1 characters, at most 500.</source>
        <translation>The phrase is too long: %1 characters, at most 500.</translation>
    </message>
    <message>
        <source>adding a phrase</source>
        <translation>adding a phrase</translation>
    </message>
    <message>
        <source>removing a phrase</source>
        <translation>removing a phrase</translation>
    </message>
    <message>
        <source>There is no such phrase to remove.</source>
        <translation>There is no such phrase to remove.</translation>
    </message>
    <message>
        <source>updating phrase templates</source>
        <translation>updating phrase templates</translation>
    </message>
</context>
<context>
    <name>gw::ProtocolReader</name>
    <message>
        <source>The %1 has no &quot;%2&quot;.</source>
        <translation>The %1 has no &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The %1 has &quot;%2&quot; in the wrong form (expected %3).</source>
        <translation>The %1 has &quot;%2&quot; in the wrong form (expected %3).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true or false</translation>
    </message>
    <message>
        <source>a date and time</source>
        <translation>a date and time</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>an object</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>a list</translation>
    </message>
</context>
<context>
    <name>gw::PublicationHistoryView</name>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Data up to</source>
        <translation>Data up to</translation>
    </message>
    <message>
        <source>Reference data used</source>
        <translation>Reference data used</translation>
    </message>
    <message>
        <source>Results (SHA-256)</source>
        <translation>Results (SHA-256)</translation>
    </message>
    <message>
        <source>%1 has not been published yet.</source>
        <translation>%1 has not been published yet.</translation>
    </message>
    <message>
        <source>The district server&apos;s results for %1 have not been fetched yet.</source>
        <translation>The district server&apos;s results for %1 have not been fetched yet.</translation>
    </message>
    <message numerus="yes">
        <source>%n publication(s) of %1, newest first. Double-click one to show its ranking.</source>
        <translation>
            <numerusform>%n publication of %1, newest first. Double-click one to show its ranking.</numerusform>
            <numerusform>%n publications of %1, newest first. Double-click one to show its ranking.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 v%2</source>
        <translation>%1 v%2</translation>
    </message>
    <message>
        <source>%1 (in force)</source>
        <translation>%1 (in force)</translation>
    </message>
    <message>
        <source>(first publication)</source>
        <translation>(first publication)</translation>
    </message>
    <message>
        <source>server sequence %1</source>
        <translation>server sequence %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>gw::PublicationStore</name>
    <message>
        <source>reading published assessments</source>
        <translation>reading published assessments</translation>
    </message>
    <message>
        <source>the stored results are not a JSON object</source>
        <translation>the stored results are not a JSON object</translation>
    </message>
    <message>
        <source>publishing the month</source>
        <translation>publishing the month</translation>
    </message>
    <message>
        <source>The stored publication of %1, revision %2, cannot be read (%3); run gridwhistle-server verify.</source>
        <translation>The stored publication of %1, revision %2, cannot be read (%3); run gridwhistle-server verify.</translation>
    </message>
</context>
<context>
    <name>gw::PublicationVerifier</name>
    <message>
        <source>version %1 of the %2 does not load: %3</source>
        <translation>version %1 of the %2 does not load: %3</translation>
    </message>
    <message>
        <source>the published months cannot be read: %1</source>
        <translation>the published months cannot be read: %1</translation>
    </message>
    <message>
        <source>%1 revision %2</source>
        <translation>%1 revision %2</translation>
    </message>
    <message>
        <source>the stored results do not match their hash: they were changed after publication.</source>
        <translation>the stored results do not match their hash: they were changed after publication.</translation>
    </message>
    <message>
        <source>the administrative log has no entry for this publication.</source>
        <translation>the administrative log has no entry for this publication.</translation>
    </message>
    <message>
        <source>the stored publication differs from what the administrative log recorded when it was published.</source>
        <translation>the stored publication differs from what the administrative log recorded when it was published.</translation>
    </message>
    <message>
        <source>the stored publication cannot be read (%1).</source>
        <translation>the stored publication cannot be read (%1).</translation>
    </message>
    <message>
        <source>it names reference data versions the server does not hold (org %1, calendar %2, indicators %3).</source>
        <translation>it names reference data versions the server does not hold (org %1, calendar %2, indicators %3).</translation>
    </message>
    <message>
        <source>recomputed from the case events up to server sequence %1, the results differ at %2.</source>
        <translation>recomputed from the case events up to server sequence %1, the results differ at %2.</translation>
    </message>
    <message>
        <source>the administrative log records this publication (entry #%1) but it is no longer stored.</source>
        <translation>the administrative log records this publication (entry #%1) but it is no longer stored.</translation>
    </message>
</context>
<context>
    <name>gw::PullPage</name>
    <message>
        <source>pull page</source>
        <translation>pull page</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>it is not a JSON object.</translation>
    </message>
    <message>
        <source>it has no server number.</source>
        <translation>it has no server number.</translation>
    </message>
    <message>
        <source>Event %1 of the pull page cannot be read: %2</source>
        <translation>Event %1 of the pull page cannot be read: %2</translation>
    </message>
</context>
<context>
    <name>gw::PushAnswer</name>
    <message>
        <source>push answer</source>
        <translation>push answer</translation>
    </message>
    <message>
        <source>Result %1 of the push answer is not a JSON object.</source>
        <translation>Result %1 of the push answer is not a JSON object.</translation>
    </message>
    <message>
        <source>The push answer counts %1 accepted, %2 duplicate and %3 rejected events, but its results say otherwise.</source>
        <translation>The push answer counts %1 accepted, %2 duplicate and %3 rejected events, but its results say otherwise.</translation>
    </message>
</context>
<context>
    <name>gw::PushRequest</name>
    <message>
        <source>Push a JSON object {&quot;events&quot;: [...]}.</source>
        <translation>Push a JSON object {&quot;events&quot;: [...]}.</translation>
    </message>
    <message>
        <source>The push holds no events.</source>
        <translation>The push holds no events.</translation>
    </message>
    <message>
        <source>A push holds at most %1 events; this one has %2.</source>
        <translation>A push holds at most %1 events; this one has %2.</translation>
    </message>
    <message>
        <source>Event #%1 is not a JSON object.</source>
        <translation>Event #%1 is not a JSON object.</translation>
    </message>
    <message>
        <source>Event #%1 has an unknown type &quot;%2&quot;.</source>
        <translation>Event #%1 has an unknown type &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Event #%1: %2</source>
        <translation>Event #%1: %2</translation>
    </message>
</context>
<context>
    <name>gw::PushResult</name>
    <message>
        <source>result %1 of the push answer</source>
        <translation>result %1 of the push answer</translation>
    </message>
    <message>
        <source>Result %1 of the push answer names no event.</source>
        <translation>Result %1 of the push answer names no event.</translation>
    </message>
    <message>
        <source>Result %1 of the push answer has an unknown status &quot;%2&quot;.</source>
        <translation>Result %1 of the push answer has an unknown status &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Result %1 of the push answer refuses the event without a code.</source>
        <translation>Result %1 of the push answer refuses the event without a code.</translation>
    </message>
    <message>
        <source>Result %1 of the push answer has no valid server number or chain position.</source>
        <translation>Result %1 of the push answer has no valid server number or chain position.</translation>
    </message>
    <message>
        <source>Result %1 of the push answer has a hash that is not a hex SHA-256.</source>
        <translation>Result %1 of the push answer has a hash that is not a hex SHA-256.</translation>
    </message>
    <message>
        <source>Result %1 of the push answer carries an event that cannot be read: %2</source>
        <translation>Result %1 of the push answer carries an event that cannot be read: %2</translation>
    </message>
    <message>
        <source>it has no server number.</source>
        <translation>it has no server number.</translation>
    </message>
    <message>
        <source>Result %1 of the push answer carries another event than the one it describes.</source>
        <translation>Result %1 of the push answer carries another event than the one it describes.</translation>
    </message>
</context>
<context>
    <name>gw::PushRules</name>
    <message>
        <source>The action is dated %1, more than %2 minutes after the server&apos;s time %3. Check the device clock.</source>
        <translation>The action is dated %1, more than %2 minutes after the server&apos;s time %3. Check the device clock.</translation>
    </message>
    <message>
        <source>Only the district server assigns case numbers.</source>
        <translation>Only the district server assigns case numbers.</translation>
    </message>
    <message>
        <source>The action names no author. It must be sent by the person who did it (%1 is signed in).</source>
        <translation>The action names no author. It must be sent by the person who did it (%1 is signed in).</translation>
    </message>
    <message>
        <source>This action was done by %1 but sent with the sign-in of %2. An action is accepted only from its own author: %1 must sign in to send it.</source>
        <translation>This action was done by %1 but sent with the sign-in of %2. An action is accepted only from its own author: %1 must sign in to send it.</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceAdminClient</name>
    <message>
        <source>Working offline: the calendar is changed on the district server. Sign in online to save it.</source>
        <translation>Working offline: the calendar is changed on the district server. Sign in online to save it.</translation>
    </message>
    <message>
        <source>The district server&apos;s answer cannot be read: %1</source>
        <translation>The district server&apos;s answer cannot be read: %1</translation>
    </message>
    <message>
        <source>Working offline: the categories and deadline rules are changed on the district server. Sign in online to save them.</source>
        <translation>Working offline: the categories and deadline rules are changed on the district server. Sign in online to save them.</translation>
    </message>
    <message>
        <source>Working offline: the org directory and grid cells are changed on the district server. Sign in online to save them.</source>
        <translation>Working offline: the org directory and grid cells are changed on the district server. Sign in online to save them.</translation>
    </message>
    <message>
        <source>Working offline: the district&apos;s phrase templates are changed on the district server. Sign in online to save them.</source>
        <translation>Working offline: the district&apos;s phrase templates are changed on the district server. Sign in online to save them.</translation>
    </message>
    <message>
        <source>Working offline: the indicator sets are changed on the district server. Sign in online to save them.</source>
        <translation>Working offline: the indicator sets are changed on the district server. Sign in online to save them.</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceAnswer</name>
    <message>
        <source>reference data answer</source>
        <translation>reference data answer</translation>
    </message>
    <message>
        <source>A reference data set is not a JSON object.</source>
        <translation>A reference data set is not a JSON object.</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceCache</name>
    <message>
        <source>The district server&apos;s %1 (version %2) cannot be used: %3</source>
        <translation>The district server&apos;s %1 (version %2) cannot be used: %3</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceSet</name>
    <message>
        <source>reference data set</source>
        <translation>reference data set</translation>
    </message>
    <message>
        <source>Unknown kind of reference data &quot;%1&quot;.</source>
        <translation>Unknown kind of reference data &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Reference data versions are numbered from 1.</source>
        <translation>Reference data versions are numbered from 1.</translation>
    </message>
    <message>
        <source>&quot;have&quot; lists the reference data held as kind:version, separated by commas; &quot;%1&quot; is not one.</source>
        <translation>&quot;have&quot; lists the reference data held as kind:version, separated by commas; &quot;%1&quot; is not one.</translation>
    </message>
    <message>
        <source>work calendar</source>
        <translation>work calendar</translation>
    </message>
    <message>
        <source>categories and deadline rules</source>
        <translation>categories and deadline rules</translation>
    </message>
    <message>
        <source>org directory and grid cells</source>
        <translation>org directory and grid cells</translation>
    </message>
    <message>
        <source>phrase templates</source>
        <translation>phrase templates</translation>
    </message>
    <message>
        <source>assessment indicator sets</source>
        <translation>assessment indicator sets</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceStore</name>
    <message>
        <source>storing reference data</source>
        <translation>storing reference data</translation>
    </message>
    <message>
        <source>The stored %1 (version %2) cannot be used: %3</source>
        <translation>The stored %1 (version %2) cannot be used: %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a department of the district.</source>
        <translation>&quot;%1&quot; is not a department of the district.</translation>
    </message>
    <message>
        <source>The working day</source>
        <translation>The working day</translation>
    </message>
    <message>
        <source>The calendar of %1</source>
        <translation>The calendar of %1</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Category %1</translation>
    </message>
    <message>
        <source>Grid cell %1 (%2)</source>
        <translation>Grid cell %1 (%2)</translation>
    </message>
    <message>
        <source>%1 was changed on the district server by %2 at %3, after you opened it. Look at the current version and make your change again.</source>
        <translation>%1 was changed on the district server by %2 at %3, after you opened it. Look at the current version and make your change again.</translation>
    </message>
    <message>
        <source>%1 on the district server is not the version you opened. Look at the current version and make your change again.</source>
        <translation>%1 on the district server is not the version you opened. Look at the current version and make your change again.</translation>
    </message>
    <message>
        <source>The phrases of %1</source>
        <translation>The phrases of %1</translation>
    </message>
    <message>
        <source>The indicator set for %1</source>
        <translation>The indicator set for %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a person&apos;s name and account id</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>gw::ReportExporter</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Ded.</source>
        <comment>points deducted</comment>
        <translation>Ded.</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Whistled</source>
        <translation>Whistled</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Avg. days</source>
        <translation>Avg. days</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>%1 (%2 to %3, UTC+8)</source>
        <translation>%1 (%2 to %3, UTC+8)</translation>
    </message>
    <message>
        <source>GridWhistle assessment report</source>
        <translation>GridWhistle assessment report</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Indicator set version</source>
        <translation>Indicator set version</translation>
    </message>
    <message>
        <source>Figures as of</source>
        <translation>Figures as of</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Unit id</source>
        <translation>Unit id</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Composite score</source>
        <translation>Composite score</translation>
    </message>
    <message>
        <source>Deducted</source>
        <translation>Deducted</translation>
    </message>
    <message>
        <source>%1 (points)</source>
        <translation>%1 (points)</translation>
    </message>
    <message>
        <source>Check-ins due</source>
        <translation>Check-ins due</translation>
    </message>
    <message>
        <source>Check-ins on time</source>
        <translation>Check-ins on time</translation>
    </message>
    <message>
        <source>Handlings due</source>
        <translation>Handlings due</translation>
    </message>
    <message>
        <source>Handlings on time</source>
        <translation>Handlings on time</translation>
    </message>
    <message>
        <source>Handlings done</source>
        <translation>Handlings done</translation>
    </message>
    <message>
        <source>Failed verifications</source>
        <translation>Failed verifications</translation>
    </message>
    <message>
        <source>Excluded: on hold</source>
        <translation>Excluded: on hold</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Grid Governance Assessment Report</source>
        <translation>Grid Governance Assessment Report</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Indicator set:</source>
        <translation>Indicator set:</translation>
    </message>
    <message>
        <source>Figures as of:</source>
        <translation>Figures as of:</translation>
    </message>
    <message>
        <source>District: %1 cases registered, %2 whistled, %3 closed; on-time check-in %4, on-time handling %5, close rate %6, satisfaction %7, %8 overdue, %9 returned assignments.</source>
        <translation>District: %1 cases registered, %2 whistled, %3 closed; on-time check-in %4, on-time handling %5, close rate %6, satisfaction %7, %8 overdue, %9 returned assignments.</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>Streets</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>Score: weighted indicator points (0-100) minus deductions for repeated rework and returned assignments. &quot;—&quot;: nothing to assess in this period. Cases on hold are left out of all rates. Definitions: docs/assessment.md.</source>
        <translation>Score: weighted indicator points (0-100) minus deductions for repeated rework and returned assignments. &quot;—&quot;: nothing to assess in this period. Cases on hold are left out of all rates. Definitions: docs/assessment.md.</translation>
    </message>
    <message>
        <source>Indicators (version %1)</source>
        <translation>Indicators (version %1)</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Street weight</source>
        <translation>Street weight</translation>
    </message>
    <message>
        <source>Department weight</source>
        <translation>Department weight</translation>
    </message>
    <message>
        <source>Full points / no points</source>
        <translation>Full points / no points</translation>
    </message>
    <message>
        <source>≥ %1 / ≤ %2</source>
        <translation>≥ %1 / ≤ %2</translation>
    </message>
    <message>
        <source>≤ %1 / ≥ %2</source>
        <translation>≤ %1 / ≥ %2</translation>
    </message>
    <message>
        <source>%1 – %2 / ≤ %3 or ≥ %4</source>
        <translation>%1 – %2 / ≤ %3 or ≥ %4</translation>
    </message>
    <message>
        <source>Deductions: failed verifications %1 points (1st, 2nd, ... failure); returned assignment %2; at most %3 in total. Callback scores: satisfied %4, basic %5, dissatisfied %6.</source>
        <translation>Deductions: failed verifications %1 points (1st, 2nd, ... failure); returned assignment %2; at most %3 in total. Callback scores: satisfied %4, basic %5, dissatisfied %6.</translation>
    </message>
    <message>
        <source>Assessment report %1</source>
        <translation>Assessment report %1</translation>
    </message>
    <message>
        <source>Streets by composite score</source>
        <translation>Streets by composite score</translation>
    </message>
    <message>
        <source>Departments by composite score</source>
        <translation>Departments by composite score</translation>
    </message>
    <message>
        <source>Cannot start the PDF %1.</source>
        <translation>Cannot start the PDF %1.</translation>
    </message>
    <message>
        <source>GridWhistle assessment · %1 · indicator set %2</source>
        <translation>GridWhistle assessment · %1 · indicator set %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
</context>
<context>
    <name>gw::ResetPasswordDialog</name>
    <message>
        <source>Reset the password of %1</source>
        <translation>Reset the password of %1</translation>
    </message>
    <message>
        <source>Must set a new password at the next sign-in</source>
        <translation>Must set a new password at the next sign-in</translation>
    </message>
    <message>
        <source>All sessions of %1 end at once; unsent work on their computers stays queued until they sign in with the new password.</source>
        <translation>All sessions of %1 end at once; unsent work on their computers stays queued until they sign in with the new password.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>New password again:</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>The two passwords are not the same.</translation>
    </message>
</context>
<context>
    <name>gw::Role</name>
    <message>
        <source>Community reporter</source>
        <translation>Community reporter</translation>
    </message>
    <message>
        <source>Street operator</source>
        <translation>Street operator</translation>
    </message>
    <message>
        <source>Center dispatcher</source>
        <translation>Center dispatcher</translation>
    </message>
    <message>
        <source>Center reviewer</source>
        <translation>Center reviewer</translation>
    </message>
    <message>
        <source>Department handler</source>
        <translation>Department handler</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>gw::RulesHistory</name>
    <message>
        <source>Event %1 (%2) is not valid here: %3</source>
        <translation>Event %1 (%2) is not valid here: %3</translation>
    </message>
</context>
<context>
    <name>gw::SavedView</name>
    <message>
        <source>My to-do</source>
        <translation>My to-do</translation>
    </message>
    <message>
        <source>All visible</source>
        <translation>All visible</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>gw::SchemaMigrator</name>
    <message>
        <source>Cannot create the schema table: %1</source>
        <translation>Cannot create the schema table: %1</translation>
    </message>
    <message>
        <source>Cannot read the schema version: %1</source>
        <translation>Cannot read the schema version: %1</translation>
    </message>
    <message>
        <source>The database has schema version %1, newer than this program understands (%2). Install the newer GridWhistle.</source>
        <translation>The database has schema version %1, newer than this program understands (%2). Install the newer GridWhistle.</translation>
    </message>
    <message>
        <source>Cannot begin schema step %1: %2</source>
        <translation>Cannot begin schema step %1: %2</translation>
    </message>
    <message>
        <source>Schema step %1 failed: %2 (%3)</source>
        <translation>Schema step %1 failed: %2 (%3)</translation>
    </message>
    <message>
        <source>Schema step %1 could not be saved: %2</source>
        <translation>Schema step %1 could not be saved: %2</translation>
    </message>
</context>
<context>
    <name>gw::ServerApp</name>
    <message>
        <source>Created %1 demo accounts with the password %2 (for demonstrations only).</source>
        <translation>Created %1 demo accounts with the password %2 (for demonstrations only).</translation>
    </message>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>Cannot create the data directory %1.</translation>
    </message>
    <message>
        <source>TLS is not available (no OpenSSL backend for Qt Network).</source>
        <translation>TLS is not available (no OpenSSL backend for Qt Network).</translation>
    </message>
    <message>
        <source>Exchanging with the city platform at %1.</source>
        <translation>Exchanging with the city platform at %1.</translation>
    </message>
    <message>
        <source>Using the self-signed development certificate %1; give it to clients as their CA file.</source>
        <translation>Using the self-signed development certificate %1; give it to clients as their CA file.</translation>
    </message>
    <message>
        <source>No PEM certificate could be read from %1.</source>
        <translation>No PEM certificate could be read from %1.</translation>
    </message>
    <message>
        <source>Cannot read the private key %1: %2</source>
        <translation>Cannot read the private key %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no usable PEM private key (RSA or EC).</source>
        <translation>%1 holds no usable PEM private key (RSA or EC).</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2 (in use, or not allowed).</source>
        <translation>Cannot listen on %1 port %2 (in use, or not allowed).</translation>
    </message>
    <message>
        <source>Another gridwhistle-server (process %1) is using the data directory %2.</source>
        <translation>Another gridwhistle-server (process %1) is using the data directory %2.</translation>
    </message>
    <message>
        <source>The demo district could not be made: %1</source>
        <translation>The demo district could not be made: %1</translation>
    </message>
    <message>
        <source>Created the initial account &quot;admin&quot; with password %1 (shown only this once; it must be changed at the first sign-in).</source>
        <translation>Created the initial account &quot;admin&quot; with password %1 (shown only this once; it must be changed at the first sign-in).</translation>
    </message>
</context>
<context>
    <name>gw::ServerMigrations</name>
    <message>
        <source>The server database has schema version %1, newer than this server understands (%2). Install the newer gridwhistle-server.</source>
        <translation>The server database has schema version %1, newer than this server understands (%2). Install the newer gridwhistle-server.</translation>
    </message>
</context>
<context>
    <name>gw::ServerOptions</name>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 needs a value.</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</translation>
    </message>
    <message>
        <source>Unknown option &quot;%1&quot;.</source>
        <translation>Unknown option &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--data-dir is required.</source>
        <translation>--data-dir is required.</translation>
    </message>
    <message>
        <source>--listen needs an IP address, not &quot;%1&quot;.</source>
        <translation>--listen needs an IP address, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Give both --cert and --key, or neither.</source>
        <translation>Give both --cert and --key, or neither.</translation>
    </message>
    <message>
        <source>Usage: gridwhistle-server --data-dir DIR [--listen ADDRESS] [--port N] [--cert FILE --key FILE]
                          [--database postgresql://user:password@host:port/db] [--demo-users]
                          [--city-config FILE]
                          [--pbkdf2-iterations N] [--token-ttl SECONDS] [--verbose] [--version]
  --data-dir DIR        where the SQLite database and the generated dev certificate live
  --listen ADDRESS      address to listen on (default 127.0.0.1)
  --port N              TCP port (default 8443; 0 picks a free port)
  --cert/--key FILE     PEM certificate and private key; without them a self-signed
                        development certificate is made in DIR (needs the openssl command)
  --database URL        use PostgreSQL instead of DIR/server.sqlite
  --city-config FILE    exchange with the city grid platform, settings in FILE (JSON)
  --demo-users          create one demo account per role (password gw-demo-2026; demo only)
  --pbkdf2-iterations N password hashing cost for new passwords (default 120000)
  --token-ttl SECONDS   lifetime of a login session (default 43200)
  --max-failed-logins N wrong passwords per account before logins wait (default 10)
  --login-window SECONDS how long failed logins count (default 300)
</source>
        <translation>Usage: gridwhistle-server --data-dir DIR [--listen ADDRESS] [--port N] [--cert FILE --key FILE]
                          [--database postgresql://user:password@host:port/db] [--demo-users]
                          [--city-config FILE]
                          [--pbkdf2-iterations N] [--token-ttl SECONDS] [--verbose] [--version]
  --data-dir DIR        where the SQLite database and the generated dev certificate live
  --listen ADDRESS      address to listen on (default 127.0.0.1)
  --port N              TCP port (default 8443; 0 picks a free port)
  --cert/--key FILE     PEM certificate and private key; without them a self-signed
                        development certificate is made in DIR (needs the openssl command)
  --database URL        use PostgreSQL instead of DIR/server.sqlite
  --city-config FILE    exchange with the city grid platform, settings in FILE (JSON)
  --demo-users          create one demo account per role (password gw-demo-2026; demo only)
  --pbkdf2-iterations N password hashing cost for new passwords (default 120000)
  --token-ttl SECONDS   lifetime of a login session (default 43200)
  --max-failed-logins N wrong passwords per account before logins wait (default 10)
  --login-window SECONDS how long failed logins count (default 300)
</translation>
    </message>
    <message>
        <source>  --parent-pid PID      stop when process PID ends (the desktop client passes its own id;
                        on Linux/macOS standard input must be a pipe from that process)
</source>
        <translation>  --parent-pid PID      stop when process PID ends (the desktop client passes its own id;
                        on Linux/macOS standard input must be a pipe from that process)
</translation>
    </message>
    <message>
        <source>  --demo-data           fill a database without cases with a demo district (about 300 cases
                        over the last 90 days; implies --demo-users; for demonstrations only)
</source>
        <translation>  --demo-data           fill a database without cases with a demo district (about 300 cases
                        over the last 90 days; implies --demo-users; for demonstrations only)
</translation>
    </message>
    <message>
        <source>--parent-pid needs a process id, not &quot;%1&quot;.</source>
        <translation>--parent-pid needs a process id, not &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>gw::ServerSettingsFile</name>
    <message>
        <source>&quot;%1&quot; is not a server setting; settings are named GW_SERVER_&lt;OPTION&gt;, for example GW_SERVER_DATA_DIR.</source>
        <translation>&quot;%1&quot; is not a server setting; settings are named GW_SERVER_&lt;OPTION&gt;, for example GW_SERVER_DATA_DIR.</translation>
    </message>
    <message>
        <source>GW_SERVER_CONFIG cannot be set inside a settings file or the environment; give --config on the command line.</source>
        <translation>GW_SERVER_CONFIG cannot be set inside a settings file or the environment; give --config on the command line.</translation>
    </message>
    <message>
        <source>Cannot read the settings file %1: %2</source>
        <translation>Cannot read the settings file %1: %2</translation>
    </message>
    <message>
        <source>The settings file %1 is larger than 64 KB; is it the right file?</source>
        <translation>The settings file %1 is larger than 64 KB; is it the right file?</translation>
    </message>
    <message>
        <source>%1 line %2: expected KEY=VALUE, found &quot;%3&quot;.</source>
        <translation>%1 line %2: expected KEY=VALUE, found &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>%1 line %2: the quote in the value is not closed.</source>
        <translation>%1 line %2: the quote in the value is not closed.</translation>
    </message>
    <message>
        <source>%1 line %2: &quot;%3&quot; is not a server setting (names start with GW_SERVER_).</source>
        <translation>%1 line %2: &quot;%3&quot; is not a server setting (names start with GW_SERVER_).</translation>
    </message>
    <message>
        <source>--config needs a file name.</source>
        <translation>--config needs a file name.</translation>
    </message>
    <message>
        <source>In the environment: %1</source>
        <translation>In the environment: %1</translation>
    </message>
</context>
<context>
    <name>gw::ServerStore</name>
    <message>
        <source>Database error while %1: %2</source>
        <translation>Database error while %1: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Cannot open %1: %2</translation>
    </message>
    <message>
        <source>setting up %1</source>
        <translation>setting up %1</translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not installed.</source>
        <translation>The Qt SQLite driver (QSQLITE) is not installed.</translation>
    </message>
    <message>
        <source>The Qt PostgreSQL driver (QPSQL) is not installed (Debian package libqt6sql6-psql).</source>
        <translation>The Qt PostgreSQL driver (QPSQL) is not installed (Debian package libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>The database must be given as postgresql://user:password@host:port/database.</source>
        <translation>The database must be given as postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <source>PostgreSQL database %1 on %2:%3</source>
        <translation>PostgreSQL database %1 on %2:%3</translation>
    </message>
    <message>
        <source>numbering a case</source>
        <translation>numbering a case</translation>
    </message>
    <message>
        <source>storing event %1</source>
        <translation>storing event %1</translation>
    </message>
    <message>
        <source>updating case %1</source>
        <translation>updating case %1</translation>
    </message>
    <message>
        <source>recording the departments of case %1</source>
        <translation>recording the departments of case %1</translation>
    </message>
    <message>
        <source>Cannot number case %1: %2</source>
        <translation>Cannot number case %1: %2</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>starting a transaction</translation>
    </message>
    <message>
        <source>committing pushed events</source>
        <translation>committing pushed events</translation>
    </message>
    <message>
        <source>reading events</source>
        <translation>reading events</translation>
    </message>
    <message>
        <source>reading the projection format</source>
        <translation>reading the projection format</translation>
    </message>
    <message>
        <source>Cannot begin upgrading the stored cases: %1</source>
        <translation>Cannot begin upgrading the stored cases: %1</translation>
    </message>
    <message>
        <source>upgrading the stored cases</source>
        <translation>upgrading the stored cases</translation>
    </message>
    <message>
        <source>upgrading case %1</source>
        <translation>upgrading case %1</translation>
    </message>
    <message>
        <source>Cannot save the upgraded cases: %1</source>
        <translation>Cannot save the upgraded cases: %1</translation>
    </message>
</context>
<context>
    <name>gw::SessionVault</name>
    <message>
        <source>The session is kept in the system keychain.</source>
        <translation>The session is kept in the system keychain.</translation>
    </message>
    <message>
        <source>No system keychain answered (%1): the session is kept in %2, encrypted with your password.</source>
        <translation>No system keychain answered (%1): the session is kept in %2, encrypted with your password.</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>not available</translation>
    </message>
    <message>
        <source>No session is kept.</source>
        <translation>No session is kept.</translation>
    </message>
    <message>
        <source>turned off</source>
        <translation>turned off</translation>
    </message>
    <message>
        <source>this build has no keychain support</source>
        <translation>this build has no keychain support</translation>
    </message>
    <message>
        <source>No keychain answered and no password was given to encrypt the session with.</source>
        <translation>No keychain answered and no password was given to encrypt the session with.</translation>
    </message>
    <message>
        <source>The session could not be encrypted.</source>
        <translation>The session could not be encrypted.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>No session is kept for this account on this computer.</source>
        <translation>No session is kept for this account on this computer.</translation>
    </message>
    <message>
        <source>The kept session does not open with this password (or the file was changed).</source>
        <translation>The kept session does not open with this password (or the file was changed).</translation>
    </message>
    <message>
        <source>No keychain answered and this build cannot encrypt the session: sign in online at each start.</source>
        <translation>No keychain answered and this build cannot encrypt the session: sign in online at each start.</translation>
    </message>
    <message>
        <source>This build cannot open the encrypted session file.</source>
        <translation>This build cannot open the encrypted session file.</translation>
    </message>
    <message>
        <source>the keychain did not answer within 15 s</source>
        <translation>the keychain did not answer within 15 s</translation>
    </message>
</context>
<context>
    <name>gw::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Start a district server on this computer (single desk, demo)</source>
        <translation>Start a district server on this computer (single desk, demo)</translation>
    </message>
    <message>
        <source>Connect to the district server</source>
        <translation>Connect to the district server</translation>
    </message>
    <message>
        <source>Optional: PEM file of the district CA</source>
        <translation>Optional: PEM file of the district CA</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>District CA certificate</source>
        <translation>District CA certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>District CA certificate:</source>
        <translation>District CA certificate:</translation>
    </message>
    <message>
        <source>Sync automatically every:</source>
        <translation>Sync automatically every:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <source>Enter the district server&apos;s address, e.g. https://grid.example:8443.</source>
        <translation>Enter the district server&apos;s address, e.g. https://grid.example:8443.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address.</source>
        <translation>&quot;%1&quot; is not a valid address.</translation>
    </message>
    <message>
        <source>The address must start with https:// — GridWhistle only talks to the server over TLS.</source>
        <translation>The address must start with https:// — GridWhistle only talks to the server over TLS.</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>The file %1 does not exist.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a PEM certificate file (no &quot;BEGIN CERTIFICATE&quot; block).</source>
        <translation>%1 is not a PEM certificate file (no &quot;BEGIN CERTIFICATE&quot; block).</translation>
    </message>
    <message>
        <source>The window locks after this time without use and asks for the password again; unsent work is kept.</source>
        <translation>The window locks after this time without use and asks for the password again; unsent work is kept.</translation>
    </message>
    <message>
        <source>Lock the window when idle for:</source>
        <translation>Lock the window when idle for:</translation>
    </message>
</context>
<context>
    <name>gw::SignInAgainDialog</name>
    <message>
        <source>Sign in to the district server</source>
        <translation>Sign in to the district server</translation>
    </message>
    <message>
        <source>Sign in as %1 to send your unsent work and receive what changed. Nothing you did on this computer is lost.</source>
        <translation>Sign in as %1 to send your unsent work and receive what changed. Nothing you did on this computer is lost.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Choose your own password to sign in as %1.</source>
        <translation>Choose your own password to sign in as %1.</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
</context>
<context>
    <name>gw::SqliteBackup</name>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 does not exist or is not a file.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Cannot open %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a readable SQLite database: %2</source>
        <translation>%1 is not a readable SQLite database: %2</translation>
    </message>
    <message>
        <source>%1 is damaged: %2</source>
        <translation>%1 is damaged: %2</translation>
    </message>
    <message>
        <source>%1 is not a GridWhistle server database (no schema version).</source>
        <translation>%1 is not a GridWhistle server database (no schema version).</translation>
    </message>
    <message>
        <source>%1 has schema version %2, newer than this server (%3). Install the newer gridwhistle-server to use it.</source>
        <translation>%1 has schema version %2, newer than this server (%3). Install the newer gridwhistle-server to use it.</translation>
    </message>
    <message>
        <source>%1 lacks the events, cases or users table.</source>
        <translation>%1 lacks the events, cases or users table.</translation>
    </message>
    <message>
        <source>There is no server database at %1. Is --data-dir right?</source>
        <translation>There is no server database at %1. Is --data-dir right?</translation>
    </message>
    <message>
        <source>%1 already exists; a backup never overwrites a file. Choose a new name.</source>
        <translation>%1 already exists; a backup never overwrites a file. Choose a new name.</translation>
    </message>
    <message>
        <source>The backup to %1 failed: %2</source>
        <translation>The backup to %1 failed: %2</translation>
    </message>
    <message>
        <source>The backup did not pass its check and was removed: %1</source>
        <translation>The backup did not pass its check and was removed: %1</translation>
    </message>
    <message>
        <source>Cannot move %1 aside to %2; nothing was changed.</source>
        <translation>Cannot move %1 aside to %2; nothing was changed.</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2; the previous database was left in place.</source>
        <translation>Cannot copy %1 to %2; the previous database was left in place.</translation>
    </message>
</context>
<context>
    <name>gw::StepClock</name>
    <message>
        <source>Analysis</source>
        <translation>Analysis</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Whistle</source>
        <translation>Whistle</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>Closing</translation>
    </message>
</context>
<context>
    <name>gw::SyncEngine</name>
    <message>
        <source>The server %1 could not be verified (%2). Check the district CA certificate file in the settings.</source>
        <translation>The server %1 could not be verified (%2). Check the district CA certificate file in the settings.</translation>
    </message>
    <message>
        <source>The server %1 did not answer in time.</source>
        <translation>The server %1 did not answer in time.</translation>
    </message>
    <message>
        <source>Cannot reach the server %1: %2</source>
        <translation>Cannot reach the server %1: %2</translation>
    </message>
    <message>
        <source>The server %1 answered with HTTP status %2.</source>
        <translation>The server %1 answered with HTTP status %2.</translation>
    </message>
    <message>
        <source>The server answered the push without a result for the events sent.</source>
        <translation>The server answered the push without a result for the events sent.</translation>
    </message>
    <message>
        <source>Sync finished: %1 sent, %2 received.</source>
        <translation>Sync finished: %1 sent, %2 received.</translation>
    </message>
    <message>
        <source>The server address must look like https://host:port (plain http is not allowed).</source>
        <translation>The server address must look like https://host:port (plain http is not allowed).</translation>
    </message>
    <message>
        <source>The CA certificate file %1 does not exist.</source>
        <translation>The CA certificate file %1 does not exist.</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 holds no PEM certificate.</translation>
    </message>
    <message>
        <source>Set the server address first.</source>
        <translation>Set the server address first.</translation>
    </message>
    <message>
        <source>Log in to the server to sync.</source>
        <translation>Log in to the server to sync.</translation>
    </message>
    <message>
        <source>Not connected to the district server. Log in online first.</source>
        <translation>Not connected to the district server. Log in online first.</translation>
    </message>
    <message>
        <source>The server accepted event %1 without saying where it stands.</source>
        <translation>The server accepted event %1 without saying where it stands.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the push cannot be read: %1</source>
        <translation>The server&apos;s answer to the push cannot be read: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the pull cannot be read: %1</source>
        <translation>The server&apos;s answer to the pull cannot be read: %1</translation>
    </message>
    <message>
        <source>Sign in online to change your password.</source>
        <translation>Sign in online to change your password.</translation>
    </message>
    <message>
        <source>Set your new password first; the server accepts nothing else until then.</source>
        <translation>Set your new password first; the server accepts nothing else until then.</translation>
    </message>
    <message>
        <source>The server&apos;s reference data cannot be read: %1</source>
        <translation>The server&apos;s reference data cannot be read: %1</translation>
    </message>
</context>
<context>
    <name>gw::SyncJournal</name>
    <message>
        <source>Server event %1 carries no server sequence number.</source>
        <translation>Server event %1 carries no server sequence number.</translation>
    </message>
    <message>
        <source>Server event %1 does not match its hash; it was changed on the way.</source>
        <translation>Server event %1 does not match its hash; it was changed on the way.</translation>
    </message>
    <message>
        <source>applying server events</source>
        <translation>applying server events</translation>
    </message>
    <message>
        <source>Server event %1 cannot take position #%2 of its case: %3</source>
        <translation>Server event %1 cannot take position #%2 of its case: %3</translation>
    </message>
    <message>
        <source>keeping the refused action</source>
        <translation>keeping the refused action</translation>
    </message>
    <message>
        <source>The server refused this action without a reason.</source>
        <translation>The server refused this action without a reason.</translation>
    </message>
    <message>
        <source>Action %1 is not waiting to be sent.</source>
        <translation>Action %1 is not waiting to be sent.</translation>
    </message>
    <message>
        <source>The registration of this case was refused: %1</source>
        <translation>The registration of this case was refused: %1</translation>
    </message>
    <message>
        <source>There is no refused action %1.</source>
        <translation>There is no refused action %1.</translation>
    </message>
    <message>
        <source>The refused action %1 was already dealt with (%2).</source>
        <translation>The refused action %1 was already dealt with (%2).</translation>
    </message>
    <message>
        <source>Discarded the offline action &quot;%1&quot; (%2) that the server refused: %3</source>
        <translation>Discarded the offline action &quot;%1&quot; (%2) that the server refused: %3</translation>
    </message>
    <message>
        <source>A sync setting needs a name.</source>
        <translation>A sync setting needs a name.</translation>
    </message>
    <message>
        <source>saving sync state</source>
        <translation>saving sync state</translation>
    </message>
    <message>
        <source>removing cases</source>
        <translation>removing cases</translation>
    </message>
</context>
<context>
    <name>gw::SyncStatusWidget</name>
    <message>
        <source>Sent %1/%2, received %3</source>
        <translation>Sent %1/%2, received %3</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>Received %1</translation>
    </message>
    <message>
        <source>Sent %1 of %2 actions, received %3 changes</source>
        <translation>Sent %1 of %2 actions, received %3 changes</translation>
    </message>
    <message>
        <source>Synchronisation failed.</source>
        <translation>Synchronisation failed.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Online, last sync failed</source>
        <translation>Online, last sync failed</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Connected to the district server</source>
        <translation>Connected to the district server</translation>
    </message>
    <message>
        <source>Working on this computer; actions are sent at the next sync</source>
        <translation>Working on this computer; actions are sent at the next sync</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Last sync %1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Never synced</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n action waiting to be sent</numerusform>
            <numerusform>%n actions waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline actions the server refused: open the conflict inbox</source>
        <translation>Offline actions the server refused: open the conflict inbox</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n unsent action(s), sent when %1 signs in on this computer</source>
        <translation>
            <numerusform>%1: %n unsent action, sent when %1 signs in on this computer</numerusform>
            <numerusform>%1: %n unsent actions, sent when %1 signs in on this computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n case(s) outside your area</source>
        <translation>
            <numerusform>and %n case outside your area</numerusform>
            <numerusform>and %n cases outside your area</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) of other users wait for their sign-in</source>
        <translation>
            <numerusform>%n action of another user waits for their sign-in</numerusform>
            <numerusform>%n actions of other users wait for their sign-in</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign in to the server…</source>
        <translation>Sign in to the server…</translation>
    </message>
    <message>
        <source>Sign in again with your password; your unsent work is kept and sent afterwards</source>
        <translation>Sign in again with your password; your unsent work is kept and sent afterwards</translation>
    </message>
</context>
<context>
    <name>gw::Urgency</name>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critical</translation>
    </message>
</context>
<context>
    <name>gw::User</name>
    <message>
        <source>A user needs a login id.</source>
        <translation>A user needs a login id.</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation>Unknown role &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>assessment administrator</source>
        <translation>assessment administrator</translation>
    </message>
    <message>
        <source>&quot;grants&quot; is a list of grant names.</source>
        <translation>&quot;grants&quot; is a list of grant names.</translation>
    </message>
</context>
<context>
    <name>gw::WhistleDeadlines</name>
    <message>
        <source>check-in deadline</source>
        <translation>check-in deadline</translation>
    </message>
    <message>
        <source>handling deadline</source>
        <translation>handling deadline</translation>
    </message>
    <message>
        <source>The %1 of %2 (%3) is later than the rule for %4, %5: %6, that is by %7. Give the reason for the longer deadline, or shorten it.</source>
        <translation>The %1 of %2 (%3) is later than the rule for %4, %5: %6, that is by %7. Give the reason for the longer deadline, or shorten it.</translation>
    </message>
</context>
<context>
    <name>gw::WorkCalendar</name>
    <message>
        <source>Calendar file is not valid JSON: %1</source>
        <translation>Calendar file is not valid JSON: %1</translation>
    </message>
    <message>
        <source>Calendar time zone offset %1 is out of range.</source>
        <translation>Calendar time zone offset %1 is out of range.</translation>
    </message>
    <message>
        <source>Calendar date &quot;%1&quot; is not YYYY-MM-DD.</source>
        <translation>Calendar date &quot;%1&quot; is not YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Calendar time zone offset must be a whole number of hours.</source>
        <translation>Calendar time zone offset must be a whole number of hours.</translation>
    </message>
    <message>
        <source>Calendar field &quot;%1&quot; must be a list of dates.</source>
        <translation>Calendar field &quot;%1&quot; must be a list of dates.</translation>
    </message>
    <message>
        <source>Calendar field &quot;workday&quot; must be an object.</source>
        <translation>Calendar field &quot;workday&quot; must be an object.</translation>
    </message>
    <message>
        <source>Calendar working day &quot;%1&quot; must be a time HH:mm.</source>
        <translation>Calendar working day &quot;%1&quot; must be a time HH:mm.</translation>
    </message>
    <message>
        <source>Calendar working day times must be in order: start before lunchStart, lunchStart not after lunchEnd, lunchEnd before end.</source>
        <translation>Calendar working day times must be in order: start before lunchStart, lunchStart not after lunchEnd, lunchEnd before end.</translation>
    </message>
    <message>
        <source>Calendar field &quot;years&quot; must be a list of years.</source>
        <translation>Calendar field &quot;years&quot; must be a list of years.</translation>
    </message>
    <message>
        <source>A calendar year must be an object.</source>
        <translation>A calendar year must be an object.</translation>
    </message>
    <message>
        <source>The calendar lists the year %1 twice.</source>
        <translation>The calendar lists the year %1 twice.</translation>
    </message>
</context>
<context>
    <name>gw::Workflow</name>
    <message>
        <source>Account %1 is disabled.</source>
        <translation>Account %1 is disabled.</translation>
    </message>
    <message>
        <source>Only the district server assigns case numbers.</source>
        <translation>Only the district server assigns case numbers.</translation>
    </message>
    <message>
        <source>Administrators manage accounts and org units; they take no part in cases.</source>
        <translation>Administrators manage accounts and org units; they take no part in cases.</translation>
    </message>
    <message>
        <source>This case is already registered.</source>
        <translation>This case is already registered.</translation>
    </message>
    <message>
        <source>%1 cannot register cases.</source>
        <translation>%1 cannot register cases.</translation>
    </message>
    <message>
        <source>The case does not exist (yet).</source>
        <translation>The case does not exist (yet).</translation>
    </message>
    <message>
        <source>Case %1 is outside your area of responsibility.</source>
        <translation>Case %1 is outside your area of responsibility.</translation>
    </message>
    <message>
        <source>Supervisors read and assess; they do not act on cases.</source>
        <translation>Supervisors read and assess; they do not act on cases.</translation>
    </message>
    <message>
        <source>Cannot %1: the case is &quot;%2&quot;.</source>
        <translation>Cannot %1: the case is &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Only a summoned department can %1.</source>
        <translation>Only a summoned department can %1.</translation>
    </message>
    <message>
        <source>You can only %1 for your own department.</source>
        <translation>You can only %1 for your own department.</translation>
    </message>
    <message>
        <source>Your department is not summoned to this case.</source>
        <translation>Your department is not summoned to this case.</translation>
    </message>
    <message>
        <source>Cannot %1: your department&apos;s part is &quot;%2&quot;.</source>
        <translation>Cannot %1: your department&apos;s part is &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Only the case&apos;s street operator or the center dispatcher can analyze it.</source>
        <translation>Only the case&apos;s street operator or the center dispatcher can analyze it.</translation>
    </message>
    <message>
        <source>analyze</source>
        <translation>analyze</translation>
    </message>
    <message>
        <source>Only a center reviewer can review cases.</source>
        <translation>Only a center reviewer can review cases.</translation>
    </message>
    <message>
        <source>review</source>
        <translation>review</translation>
    </message>
    <message>
        <source>Only the case&apos;s street operator or the center dispatcher can blow the whistle.</source>
        <translation>Only the case&apos;s street operator or the center dispatcher can blow the whistle.</translation>
    </message>
    <message>
        <source>The case is on hold.</source>
        <translation>The case is on hold.</translation>
    </message>
    <message>
        <source>blow the whistle</source>
        <translation>blow the whistle</translation>
    </message>
    <message>
        <source>check in</source>
        <translation>check in</translation>
    </message>
    <message>
        <source>return the assignment</source>
        <translation>return the assignment</translation>
    </message>
    <message>
        <source>submit handling feedback</source>
        <translation>submit handling feedback</translation>
    </message>
    <message>
        <source>request a postponement</source>
        <translation>request a postponement</translation>
    </message>
    <message>
        <source>A postponement request is already waiting for a decision.</source>
        <translation>A postponement request is already waiting for a decision.</translation>
    </message>
    <message>
        <source>Only a center reviewer decides on postponements.</source>
        <translation>Only a center reviewer decides on postponements.</translation>
    </message>
    <message>
        <source>No postponement request is waiting.</source>
        <translation>No postponement request is waiting.</translation>
    </message>
    <message>
        <source>No postponement request is waiting from %1.</source>
        <translation>No postponement request is waiting from %1.</translation>
    </message>
    <message>
        <source>Only the case&apos;s street operator or the center dispatcher can record street handling.</source>
        <translation>Only the case&apos;s street operator or the center dispatcher can record street handling.</translation>
    </message>
    <message>
        <source>record street handling</source>
        <translation>record street handling</translation>
    </message>
    <message>
        <source>Only the case&apos;s street operator or the center dispatcher can verify results.</source>
        <translation>Only the case&apos;s street operator or the center dispatcher can verify results.</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>verify</translation>
    </message>
    <message>
        <source>Only the command center can close cases.</source>
        <translation>Only the command center can close cases.</translation>
    </message>
    <message>
        <source>close</source>
        <translation>close</translation>
    </message>
    <message>
        <source>Only a center reviewer can escalate to the city.</source>
        <translation>Only a center reviewer can escalate to the city.</translation>
    </message>
    <message>
        <source>The case is already escalated to the city.</source>
        <translation>The case is already escalated to the city.</translation>
    </message>
    <message>
        <source>escalate</source>
        <translation>escalate</translation>
    </message>
    <message>
        <source>Only a center reviewer can reopen cases.</source>
        <translation>Only a center reviewer can reopen cases.</translation>
    </message>
    <message>
        <source>reopen</source>
        <translation>reopen</translation>
    </message>
    <message>
        <source>Only a center reviewer can put cases on hold.</source>
        <translation>Only a center reviewer can put cases on hold.</translation>
    </message>
    <message>
        <source>change the hold</source>
        <translation>change the hold</translation>
    </message>
    <message>
        <source>Only the case&apos;s community or street can rate a department.</source>
        <translation>Only the case&apos;s community or street can rate a department.</translation>
    </message>
    <message>
        <source>There is no handled, unrated department to rate.</source>
        <translation>There is no handled, unrated department to rate.</translation>
    </message>
    <message>
        <source>Unknown action.</source>
        <translation>Unknown action.</translation>
    </message>
    <message>
        <source>The event belongs to another case.</source>
        <translation>The event belongs to another case.</translation>
    </message>
    <message>
        <source>The event has no time.</source>
        <translation>The event has no time.</translation>
    </message>
    <message>
        <source>Attachments must be a list.</source>
        <translation>Attachments must be a list.</translation>
    </message>
    <message>
        <source>At most %1 attachments per action.</source>
        <translation>At most %1 attachments per action.</translation>
    </message>
    <message>
        <source>Attachment id</source>
        <translation>Attachment id</translation>
    </message>
    <message>
        <source>Attachment name</source>
        <translation>Attachment name</translation>
    </message>
    <message>
        <source>Attachment type</source>
        <translation>Attachment type</translation>
    </message>
    <message>
        <source>Attachment checksum</source>
        <translation>Attachment checksum</translation>
    </message>
    <message>
        <source>Attachment name &quot;%1&quot; must be a plain file name.</source>
        <translation>Attachment name &quot;%1&quot; must be a plain file name.</translation>
    </message>
    <message>
        <source>Attachment %1 is larger than %2 MB.</source>
        <translation>Attachment %1 is larger than %2 MB.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Grid cell</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>Reporter name</translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation>Reporter phone</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Reporter phone may hold only digits, spaces, + and -.</source>
        <translation>Reporter phone may hold only digits, spaces, + and -.</translation>
    </message>
    <message>
        <source>Unknown category &quot;%1&quot;.</source>
        <translation>Unknown category &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Category %1 has no sub-category &quot;%2&quot;.</source>
        <translation>Category %1 has no sub-category &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Unknown urgency &quot;%1&quot;.</source>
        <translation>Unknown urgency &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Unknown street &quot;%1&quot;.</source>
        <translation>Unknown street &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Community &quot;%1&quot; is not part of %2.</source>
        <translation>Community &quot;%1&quot; is not part of %2.</translation>
    </message>
    <message>
        <source>You can only register cases for your own street.</source>
        <translation>You can only register cases for your own street.</translation>
    </message>
    <message>
        <source>You can only register cases for your own community.</source>
        <translation>You can only register cases for your own community.</translation>
    </message>
    <message>
        <source>Give both longitude and latitude, or neither.</source>
        <translation>Give both longitude and latitude, or neither.</translation>
    </message>
    <message>
        <source>Longitude must be within ±180 and latitude within ±90.</source>
        <translation>Longitude must be within ±180 and latitude within ±90.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Choose at least one department to summon.</source>
        <translation>Choose at least one department to summon.</translation>
    </message>
    <message>
        <source>At most 20 departments per whistle.</source>
        <translation>At most 20 departments per whistle.</translation>
    </message>
    <message>
        <source>Unknown department &quot;%1&quot;.</source>
        <translation>Unknown department &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 is listed twice.</translation>
    </message>
    <message>
        <source>%1 is already summoned to this case.</source>
        <translation>%1 is already summoned to this case.</translation>
    </message>
    <message>
        <source>Lead flag of %1</source>
        <translation>Lead flag of %1</translation>
    </message>
    <message>
        <source>Check-in deadline of %1</source>
        <translation>Check-in deadline of %1</translation>
    </message>
    <message>
        <source>Handling deadline of %1</source>
        <translation>Handling deadline of %1</translation>
    </message>
    <message>
        <source>The handling deadline of %1 is before its check-in deadline.</source>
        <translation>The handling deadline of %1 is before its check-in deadline.</translation>
    </message>
    <message>
        <source>Name exactly one lead department (主办).</source>
        <translation>Name exactly one lead department (主办).</translation>
    </message>
    <message>
        <source>The case already has a lead department; add others as assisting (协办).</source>
        <translation>The case already has a lead department; add others as assisting (协办).</translation>
    </message>
    <message>
        <source>Name the department this action is for.</source>
        <translation>Name the department this action is for.</translation>
    </message>
    <message>
        <source>Analysis decision must be whistle, street or merge.</source>
        <translation>Analysis decision must be whistle, street or merge.</translation>
    </message>
    <message>
        <source>Analysis note</source>
        <translation>Analysis note</translation>
    </message>
    <message>
        <source>Name the case this one duplicates.</source>
        <translation>Name the case this one duplicates.</translation>
    </message>
    <message>
        <source>Street handling deadline</source>
        <translation>Street handling deadline</translation>
    </message>
    <message>
        <source>Review decision must be approve, return or reject.</source>
        <translation>Review decision must be approve, return or reject.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Reason for returning</source>
        <translation>Reason for returning</translation>
    </message>
    <message>
        <source>Handling feedback</source>
        <translation>Handling feedback</translation>
    </message>
    <message>
        <source>Reason for postponement</source>
        <translation>Reason for postponement</translation>
    </message>
    <message>
        <source>Requested deadline</source>
        <translation>Requested deadline</translation>
    </message>
    <message>
        <source>The requested deadline must be later than the current one.</source>
        <translation>The requested deadline must be later than the current one.</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>Rework deadline</source>
        <translation>Rework deadline</translation>
    </message>
    <message>
        <source>Reason for rework</source>
        <translation>Reason for rework</translation>
    </message>
    <message>
        <source>Closing summary</source>
        <translation>Closing summary</translation>
    </message>
    <message>
        <source>Callback contact</source>
        <translation>Callback contact</translation>
    </message>
    <message>
        <source>Called by</source>
        <translation>Called by</translation>
    </message>
    <message>
        <source>Satisfaction must be satisfied, basic or dissatisfied.</source>
        <translation>Satisfaction must be satisfied, basic or dissatisfied.</translation>
    </message>
    <message>
        <source>Reason for escalation</source>
        <translation>Reason for escalation</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>On hold</translation>
    </message>
    <message>
        <source>The case is already on hold.</source>
        <translation>The case is already on hold.</translation>
    </message>
    <message>
        <source>The case is not on hold.</source>
        <translation>The case is not on hold.</translation>
    </message>
    <message>
        <source>Rating must be a whole number from 1 to 5.</source>
        <translation>Rating must be a whole number from 1 to 5.</translation>
    </message>
    <message>
        <source>Name the department you rate.</source>
        <translation>Name the department you rate.</translation>
    </message>
    <message>
        <source>Event %1 (%2) is not valid here: %3</source>
        <translation>Event %1 (%2) is not valid here: %3</translation>
    </message>
    <message>
        <source>Attachment %1 has no valid size in bytes.</source>
        <translation>Attachment %1 has no valid size in bytes.</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 is required.</translation>
    </message>
    <message>
        <source>%1 must be text.</source>
        <translation>%1 must be text.</translation>
    </message>
    <message>
        <source>%1 is too long: %2 characters, at most %3.</source>
        <translation>%1 is too long: %2 characters, at most %3.</translation>
    </message>
    <message>
        <source>%1 contains control characters.</source>
        <translation>%1 contains control characters.</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1 must be true or false.</translation>
    </message>
    <message>
        <source>%1 must be a date and time (ISO 8601).</source>
        <translation>%1 must be a date and time (ISO 8601).</translation>
    </message>
    <message>
        <source>%1 must name its time zone (&quot;Z&quot; or an offset such as +08:00).</source>
        <translation>%1 must name its time zone (&quot;Z&quot; or an offset such as +08:00).</translation>
    </message>
    <message>
        <source>Reason for the longer deadline</source>
        <translation>Reason for the longer deadline</translation>
    </message>
    <message>
        <source>The rule version of a whistle is a whole number from 1 to 1000000.</source>
        <translation>The rule version of a whistle is a whole number from 1 to 1000000.</translation>
    </message>
    <message>
        <source>Grid cell %1 (%2) belongs to %3, not to the community or street of this case.</source>
        <translation>Grid cell %1 (%2) belongs to %3, not to the community or street of this case.</translation>
    </message>
</context>
<context>
    <name>gw::YearReportExporter</name>
    <message>
        <source>M%1</source>
        <comment>month column of the year report</comment>
        <translation>M%1</translation>
    </message>
    <message>
        <source>%1 (revision %2)</source>
        <translation>%1 (revision %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Year score</source>
        <translation>Year score</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>GridWhistle year assessment</source>
        <translation>GridWhistle year assessment</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Indicator set version</source>
        <translation>Indicator set version</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Published months</source>
        <translation>Published months</translation>
    </message>
    <message>
        <source>Month results (SHA-256)</source>
        <translation>Month results (SHA-256)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Unit id</source>
        <translation>Unit id</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Months counted</source>
        <translation>Months counted</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Grid Governance Year Assessment %1</source>
        <translation>Grid Governance Year Assessment %1</translation>
    </message>
    <message>
        <source>Published months:</source>
        <translation>Published months:</translation>
    </message>
    <message>
        <source>Rule (indicator set %1):</source>
        <translation>Rule (indicator set %1):</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>Streets</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>Months used</source>
        <translation>Months used</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Results (SHA-256)</source>
        <translation>Results (SHA-256)</translation>
    </message>
    <message>
        <source>not published</source>
        <translation>not published</translation>
    </message>
    <message>
        <source>Monthly scores are the composite scores of each month&apos;s latest published revision; months not published do not count. &quot;—&quot;: no year score (too few scored months).</source>
        <translation>Monthly scores are the composite scores of each month&apos;s latest published revision; months not published do not count. &quot;—&quot;: no year score (too few scored months).</translation>
    </message>
    <message>
        <source>GridWhistle year assessment · %1 · indicator set %2</source>
        <translation>GridWhistle year assessment · %1 · indicator set %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>Year assessment %1</source>
        <translation>Year assessment %1</translation>
    </message>
    <message>
        <source>Cannot start the PDF %1.</source>
        <translation>Cannot start the PDF %1.</translation>
    </message>
</context>
<context>
    <name>gw::YearRollup</name>
    <message numerus="yes">
        <source>weighted mean of the monthly composite scores (month weights %1), at least %n scored month(s)</source>
        <translation>
            <numerusform>weighted mean of the monthly composite scores (month weights %1), at least %n scored month</numerusform>
            <numerusform>weighted mean of the monthly composite scores (month weights %1), at least %n scored months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>mean of the monthly composite scores, at least %n scored month(s)</source>
        <translation>
            <numerusform>mean of the monthly composite scores, at least %n scored month</numerusform>
            <numerusform>mean of the monthly composite scores, at least %n scored months</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gw::YearRollupDialog</name>
    <message>
        <source>Year assessment</source>
        <translation>Year assessment</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>Streets</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n month(s) published (%2); months not published do not count. Rule of indicator set %3: %4.</source>
        <translation>
            <numerusform>%1: %n month published (%2); months not published do not count. Rule of indicator set %3: %4.</numerusform>
            <numerusform>%1: %n months published (%2); months not published do not count. Rule of indicator set %3: %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>M%1</source>
        <comment>month number</comment>
        <translation>M%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>The district server could not be asked (%1): shown from what this computer fetched before.</source>
        <translation>The district server could not be asked (%1): shown from what this computer fetched before.</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Year score</source>
        <translation>Year score</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>Export year assessment as CSV</source>
        <translation>Export year assessment as CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Export year assessment report as PDF</source>
        <translation>Export year assessment report as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between months</comment>
        <translation>, </translation>
    </message>
</context>
</TS>
