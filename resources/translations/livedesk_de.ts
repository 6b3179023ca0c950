<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AlertArea</name>
    <message>
        <source>Alerts are in their own window.</source>
        <translation>Die Alerts sind in einem eigenen Fenster.</translation>
    </message>
    <message>
        <source>Bring alerts back</source>
        <translation>Alerts zurückholen</translation>
    </message>
    <message>
        <source>This live</source>
        <translation>Dieses Live</translation>
    </message>
    <message>
        <source>Top gifters</source>
        <translation>Top-Spender</translation>
    </message>
    <message>
        <source>Gifts and members</source>
        <translation>Geschenke und Mitglieder</translation>
    </message>
    <message>
        <source>No gifts yet in this live.</source>
        <translation>In diesem Live noch keine Geschenke.</translation>
    </message>
    <message>
        <source>Nobody yet</source>
        <translation>Noch niemand</translation>
    </message>
</context>
<context>
    <name>AlertCard</name>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Gift alerts show here</source>
        <translation>Geschenk-Alerts erscheinen hier</translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting — resume to play them</source>
        <translation>
            <numerusform>%Ln wartet – fortsetzen, um sie abzuspielen</numerusform>
            <numerusform>%Ln warten – fortsetzen, um sie abzuspielen</numerusform>
        </translation>
    </message>
    <message>
        <source>Gifts worth {0}+ 💎 and new members pop up here; every gift goes to the feed.</source>
        <translation>Geschenke ab {0} 💎 und neue Mitglieder erscheinen hier; jedes Geschenk landet im Feed.</translation>
    </message>
    <message>
        <source>Tier {0}</source>
        <translation>Stufe {0}</translation>
    </message>
    <message>
        <source>month {0}</source>
        <translation>Monat {0}</translation>
    </message>
    <message>
        <source>new member</source>
        <translation>neu dabei</translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation>PAUSIERT</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>WIEDERHOLUNG</translation>
    </message>
    <message>
        <source>● COMBO</source>
        <translation>● COMBO</translation>
    </message>
    <message>
        <source>renewed Below Room · tier {0}</source>
        <translation>Below Room verlängert · Stufe {0}</translation>
    </message>
    <message>
        <source>joined Below Room · tier {0}</source>
        <translation>im Below Room · Stufe {0}</translation>
    </message>
    <message>
        <source>a gift</source>
        <translation>ein Geschenk</translation>
    </message>
    <message>
        <source>sent {0} and more</source>
        <translation>schickt {0} und mehr</translation>
    </message>
    <message>
        <source>sent {0}</source>
        <translation>schickt {0}</translation>
    </message>
</context>
<context>
    <name>AlertStage</name>
    <message>
        <source>Pause alerts (F6)</source>
        <translation>Alerts pausieren (F6)</translation>
    </message>
    <message>
        <source>Skip this alert (F7)</source>
        <translation>Diesen Alert überspringen (F7)</translation>
    </message>
    <message>
        <source>Replay the last alert (F8)</source>
        <translation>Letzten Alert wiederholen (F8)</translation>
    </message>
    <message>
        <source>Mute alert sounds (F9)</source>
        <translation>Alert-Töne stummschalten (F9)</translation>
    </message>
    <message>
        <source>Alert volume</source>
        <translation>Alert-Lautstärke</translation>
    </message>
    <message>
        <source>Pop out alerts into their own window (Ctrl+Shift+A)</source>
        <translation>Alerts in eigenem Fenster öffnen (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>🔇 Sound unavailable</source>
        <translation>🔇 Ton nicht verfügbar</translation>
    </message>
    <message>
        <source>Resume alerts (F6)</source>
        <translation>Alerts fortsetzen (F6)</translation>
    </message>
</context>
<context>
    <name>AlertWindow</name>
    <message>
        <source>LiveDesk — gift alerts</source>
        <translation>LiveDesk — Geschenk-Alerts</translation>
    </message>
</context>
<context>
    <name>AlertsFeature</name>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>pop-up from {0} 💎</source>
        <translation>Pop-up ab {0} 💎</translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln wartet</numerusform>
            <numerusform>%Ln warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln s behind</source>
        <translation>
            <numerusform>%Ln s im Verzug</numerusform>
            <numerusform>%Ln s im Verzug</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln small one(s) only in the feed</source>
        <translation>
            <numerusform>%Ln kleines nur im Feed</numerusform>
            <numerusform>%Ln kleine nur im Feed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln gift(s)</source>
        <translation>
            <numerusform>%Ln Geschenk</numerusform>
            <numerusform>%Ln Geschenke</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new member(s)</source>
        <translation>
            <numerusform>%Ln neues Mitglied</numerusform>
            <numerusform>%Ln neue Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln renewal(s)</source>
        <translation>
            <numerusform>%Ln Verlängerung</numerusform>
            <numerusform>%Ln Verlängerungen</numerusform>
        </translation>
    </message>
    <message>
        <source>This live · since {0}</source>
        <translation>Dieses Live · seit {0}</translation>
    </message>
    <message>
        <source>Since the console started</source>
        <translation>Seit dem Start der Konsole</translation>
    </message>
    <message>
        <source>Alerts: pause / resume</source>
        <translation>Alerts: pausieren / fortsetzen</translation>
    </message>
    <message>
        <source>Alerts: skip</source>
        <translation>Alerts: überspringen</translation>
    </message>
    <message>
        <source>Alerts: replay the last one</source>
        <translation>Alerts: letzten wiederholen</translation>
    </message>
    <message>
        <source>Alerts: mute / unmute</source>
        <translation>Alerts: Ton aus / an</translation>
    </message>
    <message>
        <source>Pop out alerts</source>
        <translation>Alerts in eigenem Fenster</translation>
    </message>
    <message>
        <source>Alerts: pause or resume, skip, replay</source>
        <translation>Alerts: Pause an/aus, überspringen, wiederholen</translation>
    </message>
    <message>
        <source>Alerts: mute or unmute the sound</source>
        <translation>Alerts: Ton aus- oder einschalten</translation>
    </message>
    <message>
        <source>Pop alerts out into their own window, or back</source>
        <translation>Alerts ins eigene Fenster und zurück</translation>
    </message>
</context>
<context>
    <name>BlockedTermsEditor</name>
    <message>
        <source>One term per line. Whole words, any case: “scam” holds “SCAM!” but not “scammer”. * stands for a few characters: “free*coins” holds “free coins”, “free-coins” and “freecoins”; “scam*” holds “scammer”.</source>
        <translation>Ein Begriff pro Zeile. Ganze Wörter, Groß- und Kleinschreibung egal: „abzocke“ hält „ABZOCKE!“ zurück, aber nicht „abzocker“. * steht für ein paar Zeichen: „gratis*coins“ hält „gratis coins“, „gratis-coins“ und „gratiscoins“ zurück; „abzocke*“ auch „abzocker“.</translation>
    </message>
    <message>
        <source>The list is empty: no message is held. Type one term per line, or use “Restore defaults” for the common spam.</source>
        <translation>Die Liste ist leer: Keine Nachricht wird zurückgehalten. Einen Begriff pro Zeile eingeben oder mit „Standard wiederherstellen“ den üblichen Spam eintragen.</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>Standard wiederherstellen</translation>
    </message>
    <message>
        <source>Put the default spam terms back in the list (saved when you click Save)</source>
        <translation>Die voreingestellten Spam-Begriffe wieder in die Liste setzen (gespeichert mit „Speichern“)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Try a message…</source>
        <translation>Nachricht testen…</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>{0} changed the list meanwhile. Revert to see it.</source>
        <translation>{0} hat die Liste inzwischen geändert. „Zurücksetzen“ zeigt sie.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln term(s) saved; matching messages are held for review</source>
        <translation>
            <numerusform>%Ln Begriff gespeichert; passende Nachrichten werden zur Prüfung zurückgehalten</numerusform>
            <numerusform>%Ln Begriffe gespeichert; passende Nachrichten werden zur Prüfung zurückgehalten</numerusform>
        </translation>
    </message>
    <message>
        <source>No terms saved: no message is held</source>
        <translation>Keine Begriffe gespeichert: Keine Nachricht wird zurückgehalten</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Fix the list first: {0}</source>
        <translation>Erst die Liste korrigieren: {0}</translation>
    </message>
    <message>
        <source>Would be published</source>
        <translation>Würde veröffentlicht</translation>
    </message>
    <message>
        <source>Would be held: “{0}” matches “{1}”</source>
        <translation>Würde zurückgehalten: „{0}“ passt zu „{1}“</translation>
    </message>
</context>
<context>
    <name>ChatDelegate</name>
    <message>
        <source>HELD</source>
        <translation>IN PRÜFUNG</translation>
    </message>
    <message>
        <source>✓ ANSWERED</source>
        <translation>✓ BEANTWORTET</translation>
    </message>
    <message>
        <source>MEMBER</source>
        <translation>MITGLIED</translation>
    </message>
    <message>
        <source>MEMBER %1</source>
        <translation>MITGLIED %1</translation>
    </message>
    <message>
        <source>CREATOR</source>
        <translation>CREATOR</translation>
    </message>
    <message>
        <source>MOD</source>
        <translation>MOD</translation>
    </message>
    <message>
        <source>TOP GIFTER</source>
        <translation>TOP-SPENDER</translation>
    </message>
    <message>
        <source>FAN PAGE</source>
        <translation>FAN-SEITE</translation>
    </message>
    <message>
        <source>FIRST</source>
        <translation>NEU</translation>
    </message>
    <message>
        <source>↪ replying to %1</source>
        <translation>↪ Antwort an %1</translation>
    </message>
    <message>
        <source>⚠ failed — retry</source>
        <translation>⚠ fehlgeschlagen – erneut senden</translation>
    </message>
</context>
<context>
    <name>ChatLine</name>
    <message>
        <source>1 message missed</source>
        <translation>1 Nachricht verpasst</translation>
    </message>
    <message>
        <source>%1 messages missed</source>
        <translation>%1 Nachrichten verpasst</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
    <message>
        <source>Public chat</source>
        <translation>Öffentlicher Chat</translation>
    </message>
    <message>
        <source>Members only</source>
        <translation>Nur Mitglieder</translation>
    </message>
    <message>
        <source>Right-click to unpin</source>
        <translation>Rechtsklick zum Loslösen</translation>
    </message>
    <message>
        <source>Filter: words, from:name, badge:mod, badge:member, is:first, is:deleted</source>
        <translation>Filter: Wörter, from:name, badge:mod, badge:member, is:first, is:deleted</translation>
    </message>
    <message>
        <source>Send a message</source>
        <translation>Nachricht schreiben</translation>
    </message>
    <message>
        <source>Slow %1s</source>
        <translation>Slow %1 s</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Loslösen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation>
            <numerusform>%Ln Mitglied</numerusform>
            <numerusform>%Ln Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>▼ %Ln new message(s)</source>
        <translation>
            <numerusform>▼ %Ln neue Nachricht</numerusform>
            <numerusform>▼ %Ln neue Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>No messages yet — chat will appear here</source>
        <translation>Noch keine Nachrichten – der Chat erscheint hier</translation>
    </message>
    <message>
        <source>No messages match this filter</source>
        <translation>Keine Nachricht passt zu diesem Filter</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <source>Answer on camera</source>
        <translation>Vor der Kamera beantworten</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation>10 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation>%1 sperren</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>No messages yet — chat will appear here</source>
        <translation>Noch keine Nachrichten – der Chat erscheint hier</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>Antwort senden (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Reply to {name} — Ctrl+Enter sends, Enter starts a new line, /price then Tab inserts a quick reply</source>
        <translation>Antwort an {name} – Ctrl+Enter sendet, Enter beginnt eine neue Zeile, /price und dann Tab fügt eine Schnellantwort ein</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends · Esc goes back to the list</source>
        <translation>Ctrl+Enter sendet · Esc geht zurück zur Liste</translation>
    </message>
    <message>
        <source>No quick reply starts with /{code}</source>
        <translation>Keine Schnellantwort beginnt mit /{code}</translation>
    </message>
    <message>
        <source>Tab inserts /{code}: {preview}</source>
        <translation>Tab fügt /{code} ein: {preview}</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>Nicht mehr fragen</translation>
    </message>
    <message>
        <source>End live?</source>
        <translation>Live beenden?</translation>
    </message>
    <message>
        <source>End the live now? Your viewers&apos; stream ends; this live&apos;s totals are final.</source>
        <translation>Das Live jetzt beenden? Der Stream endet für deine Zuschauer; die Summen dieses Lives stehen dann fest.</translation>
    </message>
    <message>
        <source>End live</source>
        <translation>Live beenden</translation>
    </message>
    <message>
        <source>Keep streaming</source>
        <translation>Weiter streamen</translation>
    </message>
    <message>
        <source>You are live. Quit LiveDesk anyway? The demo backend stops with it, and so does this practice live.</source>
        <translation>Du bist live. LiveDesk trotzdem beenden? Das Demo-Backend hält mit an, und damit auch dieses Übungs-Live.</translation>
    </message>
    <message>
        <source>You are live. Quit LiveDesk anyway? Your live keeps running on the platform, but chat, gift alerts and the inbox stop here until you open LiveDesk again.</source>
        <translation>Du bist live. LiveDesk trotzdem beenden? Dein Live läuft auf der Plattform weiter, aber Chat, Geschenk-Alerts und Posteingang stehen hier still, bis du LiveDesk wieder öffnest.</translation>
    </message>
    <message>
        <source>Quit while live?</source>
        <translation>Beenden, obwohl du live bist?</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Bleiben</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Going live</source>
        <translation>Live gehen</translation>
    </message>
    <message>
        <source>Ending the live</source>
        <translation>Das Live beenden</translation>
    </message>
    <message>
        <source>Marking the question answered</source>
        <translation>Die Frage als beantwortet markieren</translation>
    </message>
    <message>
        <source>Deleting the message</source>
        <translation>Die Nachricht löschen</translation>
    </message>
    <message>
        <source>Pinning the message</source>
        <translation>Die Nachricht anheften</translation>
    </message>
    <message>
        <source>Unpinning</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <source>The timeout</source>
        <translation>Der Timeout</translation>
    </message>
    <message>
        <source>The ban</source>
        <translation>Die Sperre</translation>
    </message>
    <message>
        <source>Queueing for the camera</source>
        <translation>Für die Kamera einreihen</translation>
    </message>
    <message>
        <source>That action</source>
        <translation>Diese Aktion</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Search chat history</source>
        <translation>Chatverlauf durchsuchen</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Unreadable events skipped: {0} (kept locally)</source>
        <translation>Unlesbare Ereignisse übersprungen: {0} (lokal aufbewahrt)</translation>
    </message>
    <message>
        <source>{0} did not work: {1}</source>
        <translation>{0} hat nicht geklappt: {1}</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <source>The built-in server stopped; close LiveDesk and open it again.</source>
        <translation>Server angehalten: schließe LiveDesk und öffne es erneut.</translation>
    </message>
    <message>
        <source>The built-in server could not save its data and was restarted.</source>
        <translation>Der Server konnte nicht speichern und wurde neu gestartet.</translation>
    </message>
</context>
<context>
    <name>ConsoleInstance</name>
    <message>
        <source>LiveDesk is already running for this account.</source>
        <translation>LiveDesk läuft für dieses Konto bereits.</translation>
    </message>
    <message>
        <source>Its window did not answer. Close that console (or end its process), then start LiveDesk again.</source>
        <translation>Sein Fenster hat nicht geantwortet. Schließe diese Konsole (oder beende ihren Prozess) und starte LiveDesk dann erneut.</translation>
    </message>
    <message>
        <source>no permission</source>
        <translation>keine Berechtigung</translation>
    </message>
    <message>
        <source>an unknown error</source>
        <translation>ein unbekannter Fehler</translation>
    </message>
    <message>
        <source>LiveDesk cannot check that it runs only once for this account: its lock file in {0} cannot be written ({1}). Do not start a second LiveDesk for this account.</source>
        <translation>LiveDesk kann nicht prüfen, ob es für dieses Konto nur einmal läuft: Die Sperrdatei in {0} kann nicht geschrieben werden ({1}). Starte LiveDesk für dieses Konto kein zweites Mal.</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>LiveDesk</source>
        <translation>LiveDesk</translation>
    </message>
    <message>
        <source>Service+ inbox</source>
        <translation>Service+-Posteingang</translation>
    </message>
    <message>
        <source>Inbox: next / previous</source>
        <translation>Posteingang: nächste / vorherige Anfrage</translation>
    </message>
    <message>
        <source>Search chat history</source>
        <translation>Chatverlauf durchsuchen</translation>
    </message>
    <message>
        <source>Public chat</source>
        <translation>Öffentlicher Chat</translation>
    </message>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Open moderator window</source>
        <translation>Moderatorfenster öffnen</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Public chat: compose</source>
        <translation>Öffentlicher Chat: schreiben</translation>
    </message>
    <message>
        <source>Below Room: compose</source>
        <translation>Below Room: schreiben</translation>
    </message>
    <message>
        <source>Tear off / dock public chat</source>
        <translation>Öffentlichen Chat abtrennen / andocken</translation>
    </message>
    <message>
        <source>Tear off / dock Below Room</source>
        <translation>Below Room abtrennen / andocken</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Write in public chat</source>
        <translation>Im öffentlichen Chat schreiben</translation>
    </message>
    <message>
        <source>Write in Below Room</source>
        <translation>Im Below Room schreiben</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Search / filter the focused pane</source>
        <translation>Aktiven Bereich durchsuchen / filtern</translation>
    </message>
    <message>
        <source>Jump to the newest messages (Ctrl+End also while typing)</source>
        <translation>Zu den neuesten Nachrichten springen (Strg+Ende auch beim Schreiben)</translation>
    </message>
    <message>
        <source>Mark the on-camera question answered</source>
        <translation>Kamerafrage als beantwortet markieren</translation>
    </message>
    <message>
        <source>Tear off or dock a chat pane</source>
        <translation>Chatbereich abtrennen oder andocken</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Show or hide this help</source>
        <translation>Diese Hilfe ein- oder ausblenden</translation>
    </message>
</context>
<context>
    <name>ConversionForm</name>
    <message>
        <source> 💎 per USD</source>
        <translation> 💎 pro USD</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>Auf Standard zurücksetzen</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Umrechnung</translation>
    </message>
    <message>
        <source>Diamonds</source>
        <translation>Diamanten</translation>
    </message>
    <message>
        <source>Platform share</source>
        <translation>Plattformanteil</translation>
    </message>
    <message>
        <source>Payout threshold</source>
        <translation>Auszahlungsgrenze</translation>
    </message>
    <message>
        <source>Defaults are publicly reported figures, not facts: check your own payout page.
• About 200 diamonds per US dollar, i.e. 1 diamond ≈ USD 0.005 (widely reported conversion of TikTok LIVE diamonds). Gift diamonds are already your side of a gift.
• Platform share of Below Room subscriptions and Service+ bookings: reports range from about 20% (“TikTok Live Business Model”) to 50% (a TikTok spokesperson: creators keep “their full 50% share … after deducting fees from app stores, payment processors”). Default 50%, the cautious end.
• Payouts open above a threshold (“Diamonds can be converted into real money once a certain threshold is met”); USD 10 is an illustrative default.</source>
        <translation>Die Standardwerte sind öffentlich berichtete Zahlen, keine Fakten: Prüfe deine eigene Auszahlungsseite.
• Etwa 200 Diamanten pro US-Dollar, also 1 Diamant ≈ 0,005&#xa0;USD (weithin berichteter Kurs für TikTok-LIVE-Diamanten). Geschenk-Diamanten sind bereits dein Anteil an einem Geschenk.
• Plattformanteil an Below-Room-Abos und Service+-Buchungen: Berichte nennen etwa 20&#xa0;% („TikTok Live Business Model“) bis 50&#xa0;% (ein TikTok-Sprecher: Creator behalten „their full 50% share … after deducting fees from app stores, payment processors“). Standard 50&#xa0;%, die vorsichtige Annahme.
• Auszahlungen sind ab einer Grenze möglich („Diamonds can be converted into real money once a certain threshold is met“); 10&#xa0;USD ist ein Beispielwert.</translation>
    </message>
</context>
<context>
    <name>EarningsChart</name>
    <message>
        <source>No earnings in this period yet.</source>
        <translation>Noch keine Einnahmen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>Geschenke</translation>
    </message>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
    <message>
        <source>Service+</source>
        <translation>Service+</translation>
    </message>
    <message>
        <source>what you keep, in {0}</source>
        <translation>was du behältst, in {0}</translation>
    </message>
</context>
<context>
    <name>EarningsFeature</name>
    <message>
        <source>Loading earnings…</source>
        <translation>Einnahmen werden geladen…</translation>
    </message>
    <message>
        <source>The ledger could not be read: {0}</source>
        <translation>Das Einnahmenbuch konnte nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Ledger lines the earnings view could not read: {0} (kept on the server)</source>
        <translation>Buchungszeilen, die die Einnahmenansicht nicht lesen konnte: {0} (bleiben auf dem Server)</translation>
    </message>
    <message>
        <source>Loading older earnings…</source>
        <translation>Ältere Einnahmen werden geladen…</translation>
    </message>
    <message>
        <source>This live</source>
        <translation>Dieses Live</translation>
    </message>
    <message>
        <source>Live: {0}</source>
        <translation>Live: {0}</translation>
    </message>
    <message>
        <source>{0} kept of {1} gross</source>
        <translation>{0} behalten von {1} brutto</translation>
    </message>
    <message>
        <source>Also in other currencies, not converted: {0}</source>
        <translation>Außerdem in anderen Währungen, nicht umgerechnet: {0}</translation>
    </message>
    <message>
        <source> · on TikTok LIVE 💎 {0}</source>
        <translation> · davon TikTok LIVE 💎 {0}</translation>
    </message>
    <message>
        <source>{0} earned in total — above the {1} threshold</source>
        <translation>{0} insgesamt verdient – über der Grenze von {1}</translation>
    </message>
    <message>
        <source>{0} of {1} — {2} to go</source>
        <translation>{0} von {1} – noch {2}</translation>
    </message>
    <message>
        <source>Everything in the ledger, converted with these settings. LiveDesk does not see payouts already made.</source>
        <translation>Alle Einträge, mit diesen Einstellungen umgerechnet. Bereits erfolgte Auszahlungen sieht LiveDesk nicht.</translation>
    </message>
    <message>
        <source>No earnings in this period yet.</source>
        <translation>Noch keine Einnahmen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln booking(s)</source>
        <translation>
            <numerusform>%Ln Buchung</numerusform>
            <numerusform>%Ln Buchungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln subscription(s)</source>
        <translation>
            <numerusform>%Ln Abo</numerusform>
            <numerusform>%Ln Abos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ledger line(s) · after the platform&apos;s share</source>
        <translation>
            <numerusform>%Ln Eintrag · nach Abzug des Plattformanteils</numerusform>
            <numerusform>%Ln Einträge · nach Abzug des Plattformanteils</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>💎 {0} from %Ln gift(s)</source>
        <translation>
            <numerusform>💎 {0} aus %Ln Geschenk</numerusform>
            <numerusform>💎 {0} aus %Ln Geschenken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln subscription(s) · {0} gross</source>
        <translation>
            <numerusform>%Ln Abo · {0} brutto</numerusform>
            <numerusform>%Ln Abos · {0} brutto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln booking(s) · {0} gross</source>
        <translation>
            <numerusform>%Ln Buchung · {0} brutto</numerusform>
            <numerusform>%Ln Buchungen · {0} brutto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ledger line(s) loaded</source>
        <translation>
            <numerusform>%Ln Eintrag geladen</numerusform>
            <numerusform>%Ln Einträge geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>Outside live sessions</source>
        <translation>Außerhalb von Lives</translation>
    </message>
    <message>
        <source>Live {0}</source>
        <translation>Live {0}</translation>
    </message>
    <message>
        <source>Week of {0}</source>
        <translation>Woche vom {0}</translation>
    </message>
    <message>
        <source>other</source>
        <translation>sonstige</translation>
    </message>
    <message>
        <source>Export earnings as CSV</source>
        <translation>Einnahmen als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>Export fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>Gespeichert: {0}</translation>
    </message>
    <message>
        <source>Earnings</source>
        <translation>Einnahmen</translation>
    </message>
    <message>
        <source>Show earnings</source>
        <translation>Einnahmen anzeigen</translation>
    </message>
</context>
<context>
    <name>EarningsPage</name>
    <message>
        <source>This live</source>
        <translation>Dieses Live</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 12 weeks</source>
        <translation>Letzte 12 Wochen</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Seit Beginn</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>pro Tag</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>pro Woche</translation>
    </message>
    <message>
        <source>per live session</source>
        <translation>pro Live</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>The table (figures per row)…</source>
        <translation>Die Tabelle (Zahlen pro Zeile)…</translation>
    </message>
    <message>
        <source>Every ledger line of the period…</source>
        <translation>Alle Einträge des Zeitraums…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>You keep</source>
        <translation>Du behältst</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>Geschenke</translation>
    </message>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
    <message>
        <source>Service+ bookings</source>
        <translation>Service+-Buchungen</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <source>Gifts 💎</source>
        <translation>💎</translation>
    </message>
    <message>
        <source>Service+</source>
        <translation>Service+</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Top gifters</source>
        <translation>Top-Spender</translation>
    </message>
    <message>
        <source>Top gifts</source>
        <translation>Top-Geschenke</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
</context>
<context>
    <name>EligibilityPanel</name>
    <message>
        <source>I confirm that I am {age} or older</source>
        <translation>Ich bestätige, dass ich mindestens {age} Jahre alt bin</translation>
    </message>
    <message>
        <source>How you can show competence, e.g. “Certified trainer since 2019”</source>
        <translation>Wie du deine Kompetenz nachweisen kannst, z. B. „Zertifizierte Trainerin seit 2019“</translation>
    </message>
    <message>
        <source>Service+ eligibility</source>
        <translation>Service+-Berechtigung</translation>
    </message>
    <message>
        <source>You can offer Service+.</source>
        <translation>Du kannst Service+ anbieten.</translation>
    </message>
    <message>
        <source>Not eligible for Service+ yet — see what is missing:</source>
        <translation>Noch nicht für Service+ berechtigt – das fehlt noch:</translation>
    </message>
</context>
<context>
    <name>FanPage</name>
    <message>
        <source>Only on this computer: phones cannot open this link. In Settings, let moderators on the network connect (the same switch opens the fan page to your network), or run the backend on a server.</source>
        <translation>Nur auf diesem Computer: Handys können diesen Link nicht öffnen. Erlaube in den Einstellungen, dass sich Moderatoren im Netzwerk verbinden (derselbe Schalter öffnet die Fan-Seite für dein Netzwerk), oder betreibe das Backend auf einem Server.</translation>
    </message>
    <message>
        <source>Reachable on the network, encrypted (TLS).</source>
        <translation>Im Netzwerk erreichbar, verschlüsselt (TLS).</translation>
    </message>
    <message>
        <source>Reachable on your network, not encrypted: anyone on this network can read what fans send. Add a TLS certificate in Settings for anything beyond a trusted network.</source>
        <translation>In deinem Netzwerk erreichbar, nicht verschlüsselt: Alle in diesem Netzwerk können mitlesen, was Fans senden. Für mehr als ein vertrauenswürdiges Netzwerk in den Einstellungen ein TLS-Zertifikat hinzufügen.</translation>
    </message>
    <message>
        <source>Not confirmed yet: it is applied once the connection is back.</source>
        <translation>Noch nicht bestätigt: Wird übernommen, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>Fan page…</source>
        <translation>Fan-Seite…</translation>
    </message>
</context>
<context>
    <name>FanPageWindow</name>
    <message>
        <source>Fan page</source>
        <translation>Fan-Seite</translation>
    </message>
    <message>
        <source>QR code of the fan page link</source>
        <translation>QR-Code des Links zur Fan-Seite</translation>
    </message>
    <message>
        <source>Fans open this link (or scan the code, also available as an overlay page for OBS), pick a name and join. Below Room needs a pass from you; payment for a pass happens outside LiveDesk.</source>
        <translation>Fans öffnen diesen Link (oder scannen den Code, auch als Overlay-Seite für OBS), wählen einen Namen und sind dabei. Für den Below Room brauchen sie einen Pass von dir; bezahlt wird ein Pass außerhalb von LiveDesk.</translation>
    </message>
    <message>
        <source>Fan page link</source>
        <translation>Link zur Fan-Seite</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>Make a Below Room pass</source>
        <translation>Below-Room-Pass erstellen</translation>
    </message>
    <message>
        <source>Tier </source>
        <translation>Stufe </translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>free</source>
        <translation>kostenlos</translation>
    </message>
    <message>
        <source>Price (paid outside LiveDesk)</source>
        <translation>Preis (außerhalb von LiveDesk bezahlt)</translation>
    </message>
    <message>
        <source>Note, e.g. who bought it</source>
        <translation>Notiz, z. B. wer ihn gekauft hat</translation>
    </message>
    <message>
        <source>Make pass</source>
        <translation>Pass erstellen</translation>
    </message>
    <message>
        <source>The new pass&apos;s link (shown once)</source>
        <translation>Link des neuen Passes (nur einmal angezeigt)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Fan</source>
        <translation>Fan</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>Pässe</translation>
    </message>
    <message>
        <source>Renew selected (+days above)</source>
        <translation>Ausgewählten verlängern (+Tage oben)</translation>
    </message>
    <message>
        <source>Revoke selected…</source>
        <translation>Ausgewählten zurückziehen…</translation>
    </message>
    <message>
        <source>Fans</source>
        <translation>Fans</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
    <message>
        <source>No fan has signed up yet.</source>
        <translation>Noch kein Fan hat sich angemeldet.</translation>
    </message>
    <message>
        <source>not redeemed</source>
        <translation>nicht eingelöst</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>zurückgezogen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>tier %1 until %2</source>
        <translation>Stufe %1 bis %2</translation>
    </message>
    <message>
        <source>Click again to revoke</source>
        <translation>Zum Widerrufen erneut klicken</translation>
    </message>
</context>
<context>
    <name>FeedDelegate</name>
    <message>
        <source>month {0}</source>
        <translation>Monat {0}</translation>
    </message>
    <message>
        <source>renewed · tier {0}</source>
        <translation>verlängert · Stufe {0}</translation>
    </message>
    <message>
        <source>NEW</source>
        <translation>NEU</translation>
    </message>
    <message>
        <source>joined Below Room · tier {0}</source>
        <translation>neu im Below Room · Stufe {0}</translation>
    </message>
</context>
<context>
    <name>FeedView</name>
    <message>
        <source>Double-click a gift to replay its alert</source>
        <translation>Doppelklick auf ein Geschenk wiederholt seinen Alert</translation>
    </message>
</context>
<context>
    <name>FirstRunHint</name>
    <message>
        <source>Got it</source>
        <translation>Verstanden</translation>
    </message>
    <message>
        <source>You are off-air. The simulated audience is already chatting in Public chat and Below Room. When you are ready, press Go live (top left) to start a practice live: gifts, alerts and earnings start with it; End live stops it. F1 lists every shortcut.</source>
        <translation>Du bist nicht live. Das simulierte Publikum chattet schon im öffentlichen Chat und im Below Room. Wenn du bereit bist, starte mit „Live gehen“ (oben links) ein Übungs-Live: Geschenke, Alerts und Einnahmen beginnen damit; „Live beenden“ stoppt es. F1 zeigt alle Tastenkürzel.</translation>
    </message>
    <message>
        <source>You are off-air. Chat, the inbox and moderation already work. Press Go live (top left) when your stream starts; End live stops it. F1 lists every shortcut.</source>
        <translation>Du bist nicht live. Chat, Posteingang und Moderation funktionieren schon. Drücke „Live gehen“ (oben links), wenn dein Stream beginnt; „Live beenden“ stoppt ihn. F1 zeigt alle Tastenkürzel.</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1K</source>
        <translation>%1 Tsd.</translation>
    </message>
    <message>
        <source>%1M</source>
        <translation>%1 Mio.</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <translation>ddd d. MMM</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>ddd d</source>
        <translation>ddd d.</translation>
    </message>
    <message>
        <source>W%1</source>
        <translation>KW %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln s</source>
        <translation>
            <numerusform>%Ln s</numerusform>
            <numerusform>%Ln s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln min</source>
        <translation>
            <numerusform>%Ln Min.</numerusform>
            <numerusform>%Ln Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln h</source>
        <translation>
            <numerusform>%Ln Std.</numerusform>
            <numerusform>%Ln Std.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeldPanel</name>
    <message>
        <source>Nothing held. Messages that match a blocked term wait here for review.</source>
        <translation>Nichts zurückgehalten. Nachrichten mit einem blockierten Begriff warten hier auf Prüfung.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln more waiting</source>
        <translation>
            <numerusform>%Ln weitere wartet</numerusform>
            <numerusform>%Ln weitere warten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeldRow</name>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
    <message>
        <source>Public chat</source>
        <translation>Öffentlicher Chat</translation>
    </message>
    <message>
        <source>matched “{0}”</source>
        <translation>enthält „{0}“</translation>
    </message>
    <message>
        <source>Open the user card</source>
        <translation>Nutzerkarte öffnen</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Publish the message in the room</source>
        <translation>Nachricht im Raum veröffentlichen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Drop the message; nobody else ever sees it</source>
        <translation>Nachricht verwerfen; niemand sonst bekommt sie je zu sehen</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Press any key to close</source>
        <translation>Zum Schließen eine beliebige Taste drücken</translation>
    </message>
</context>
<context>
    <name>HistoryContextDialog</name>
    <message>
        <source>Message in context</source>
        <translation>Nachricht im Zusammenhang</translation>
    </message>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Öffentlich</translation>
    </message>
    <message>
        <source>{0} · {1} · the lines around it in that session</source>
        <translation>{0} · {1} · die Zeilen davor und danach in dieser Sitzung</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>words in message</source>
        <translation>Wörter in der Nachricht</translation>
    </message>
    <message>
        <source>sender (from:)</source>
        <translation>Absender (from:)</translation>
    </message>
    <message>
        <source>badge filter</source>
        <translation>Abzeichen-Filter</translation>
    </message>
    <message>
        <source>room filter</source>
        <translation>Raum-Filter</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Treffer durch</translation>
    </message>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Öffentlich</translation>
    </message>
    <message>
        <source>[deleted] </source>
        <translation>[gelöscht] </translation>
    </message>
</context>
<context>
    <name>HistorySearchPage</name>
    <message>
        <source>Search all past sessions — e.g. from:mia in:below badge:member price</source>
        <translation>Alle früheren Sitzungen durchsuchen – z. B. from:mia in:below badge:member preis</translation>
    </message>
    <message>
        <source>Type to search. from:name · in:public / in:below · badge:member / badge:mod</source>
        <translation>Tippe, um zu suchen. from:name · in:public / in:below · badge:member / badge:mod</translation>
    </message>
    <message>
        <source>Search failed: {0}</source>
        <translation>Suche fehlgeschlagen: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Newest %Ln messages shown (there are more)</source>
        <translation>
            <numerusform>Neueste %Ln Nachricht angezeigt (es gibt mehr)</numerusform>
            <numerusform>Neueste %Ln Nachrichten angezeigt (es gibt mehr)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) found</source>
        <translation>
            <numerusform>%Ln Nachricht gefunden</numerusform>
            <numerusform>%Ln Nachrichten gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} ms</source>
        <translation>{0} ms</translation>
    </message>
    <message>
        <source>Enter or double-click: show in context</source>
        <translation>Eingabe oder Doppelklick: im Zusammenhang zeigen</translation>
    </message>
    <message>
        <source>Could not load the context: {0}</source>
        <translation>Zusammenhang konnte nicht geladen werden: {0}</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Aged {age} or older</source>
        <translation>Mindestens {age} Jahre alt</translation>
    </message>
    <message>
        <source>At least {n} followers</source>
        <translation>Mindestens {n} Follower</translation>
    </message>
    <message>
        <source>Only services that need no license in your region</source>
        <translation>Nur Dienstleistungen, die in deiner Region keine Zulassung brauchen</translation>
    </message>
    <message>
        <source>Able to show competence in what you offer</source>
        <translation>Kompetenz für dein Angebot nachweisbar</translation>
    </message>
    <message>
        <source>Confirmed by you.</source>
        <translation>Von dir bestätigt.</translation>
    </message>
    <message>
        <source>Confirm below that you are {age} or older.</source>
        <translation>Bestätige unten, dass du mindestens {age} Jahre alt bist.</translation>
    </message>
    <message>
        <source>The server has not reported your follower count; the platform checks it when you apply.</source>
        <translation>Der Server hat deine Followerzahl nicht gemeldet; die Plattform prüft sie bei deiner Bewerbung.</translation>
    </message>
    <message>
        <source>{n} followers, as the platform reports them.</source>
        <translation>{n} Follower laut Plattform.</translation>
    </message>
    <message>
        <source>Service+ opens at {min}.</source>
        <translation>Service+ ist ab {min} Followern verfügbar.</translation>
    </message>
    <message>
        <source>Every service is confirmed license-free.</source>
        <translation>Für alle Dienstleistungen ist bestätigt, dass sie keine Zulassung brauchen.</translation>
    </message>
    <message>
        <source>Confirm or remove: {names}.</source>
        <translation>Bestätigen oder entfernen: {names}.</translation>
    </message>
    <message>
        <source>The platform may ask for proof: certificates, a portfolio, years of experience. Note below how you can show it.</source>
        <translation>Die Plattform kann Nachweise verlangen: Zertifikate, ein Portfolio, Berufsjahre. Notiere unten, wie du sie erbringen kannst.</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Service bio</source>
        <translation>Service-Bio</translation>
    </message>
    <message>
        <source>Service+ inbox</source>
        <translation>Service+-Posteingang</translation>
    </message>
    <message>
        <source>Could not load the inbox: {why}</source>
        <translation>Posteingang konnte nicht geladen werden: {why}</translation>
    </message>
    <message>
        <source>Parts of an inquiry&apos;s thread the inbox could not read: {count} (kept on the server)</source>
        <translation>Teile eines Anfrageverlaufs, die der Posteingang nicht lesen konnte: {count} (bleiben auf dem Server)</translation>
    </message>
    <message>
        <source>Inquiries the inbox could not read: {count} (kept on the server)</source>
        <translation>Anfragen, die der Posteingang nicht lesen konnte: {count} (bleiben auf dem Server)</translation>
    </message>
    <message>
        <source>No inquiries yet.
When viewers ask about your services during a live, they show up here.</source>
        <translation>Noch keine Anfragen.
Wenn Zuschauer während eines Lives nach deinen Dienstleistungen fragen, erscheinen sie hier.</translation>
    </message>
    <message>
        <source>Nothing here with these filters.</source>
        <translation>Mit diesen Filtern gibt es hier nichts.</translation>
    </message>
    <message>
        <source>Inbox ({n})</source>
        <translation>Posteingang ({n})</translation>
    </message>
    <message>
        <source>Service+ is not open to you yet. </source>
        <translation>Service+ ist für dich noch nicht freigeschaltet. </translation>
    </message>
    <message>
        <source>Not confirmed yet: it is applied once the connection is back.</source>
        <translation>Noch nicht bestätigt: Wird übernommen, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>no connection; it is saved once it is back</source>
        <translation>keine Verbindung; wird gespeichert, sobald sie wieder steht</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>ungelesen</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Quoted</source>
        <translation>Angeboten</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Zu erledigen</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Ungelesen</translation>
    </message>
    <message>
        <source>All inquiries</source>
        <translation>Alle Anfragen</translation>
    </message>
    <message>
        <source>Consulting</source>
        <translation>Beratung</translation>
    </message>
    <message>
        <source>Skill training</source>
        <translation>Skill-Training</translation>
    </message>
    <message>
        <source>Local service</source>
        <translation>Dienstleistung vor Ort</translation>
    </message>
    <message>
        <source>Shop offer</source>
        <translation>Shop-Angebot</translation>
    </message>
    <message>
        <source>outside a live</source>
        <translation>außerhalb eines Lives</translation>
    </message>
    <message>
        <source>at {time} into “{title}”</source>
        <translation>bei {time} in „{title}“</translation>
    </message>
    <message>
        <source>at {time} into the live</source>
        <translation>bei {time} im Live</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy, HH:mm</source>
        <translation>ddd, d. MMM yyyy, HH:mm</translation>
    </message>
    <message>
        <source>on request</source>
        <translation>auf Anfrage</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} Min.</translation>
    </message>
    <message>
        <source>Woke up</source>
        <translation>Wieder aktiv</translation>
    </message>
    <message>
        <source>Withdraw quote</source>
        <translation>Angebot zurückziehen</translation>
    </message>
    <message>
        <source>Wake up</source>
        <translation>Wieder aktivieren</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>New quote…</source>
        <translation>Neues Angebot…</translation>
    </message>
    <message>
        <source>Quote a price…</source>
        <translation>Preis anbieten…</translation>
    </message>
    <message>
        <source>Move booking…</source>
        <translation>Buchung verschieben…</translation>
    </message>
    <message>
        <source>Book at the quoted price…</source>
        <translation>Zum angebotenen Preis buchen…</translation>
    </message>
    <message>
        <source>Book…</source>
        <translation>Buchen…</translation>
    </message>
    <message>
        <source>Mark completed</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Snooze longer…</source>
        <translation>Länger zurückstellen…</translation>
    </message>
    <message>
        <source>Snooze…</source>
        <translation>Zurückstellen…</translation>
    </message>
    <message>
        <source>30 min</source>
        <translation>30 Min.</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>3 hours</source>
        <translation>3 Stunden</translation>
    </message>
    <message>
        <source>Tomorrow 9:00</source>
        <translation>Morgen 9:00</translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation>Als ungelesen markieren</translation>
    </message>
    <message>
        <source>Mark unread (U)</source>
        <translation>Als ungelesen markieren (U)</translation>
    </message>
    <message>
        <source>on</source>
        <translation>am</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation>Zurückstellen bis</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <source>Book for</source>
        <translation>Buchen für</translation>
    </message>
    <message>
        <source>Send quote</source>
        <translation>Angebot senden</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Buchen</translation>
    </message>
    <message>
        <source>Listed price: {price}</source>
        <translation>Listenpreis: {price}</translation>
    </message>
    <message>
        <source>Pick a time in the future.</source>
        <translation>Wähle einen Zeitpunkt in der Zukunft.</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>Not sent: {why}</source>
        <translation>Nicht gesendet: {why}</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>About: {service}</source>
        <translation>Betrifft: {service}</translation>
    </message>
    <message>
        <source>Asked {moment} · {time}</source>
        <translation>Gefragt {moment} · {time}</translation>
    </message>
    <message>
        <source>Loading the thread…</source>
        <translation>Verlauf wird geladen…</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>Marked completed</source>
        <translation>Als erledigt markiert</translation>
    </message>
    <message>
        <source>Quoted {price}</source>
        <translation>Angebot: {price}</translation>
    </message>
    <message>
        <source>Booking moved to {when}</source>
        <translation>Buchung verschoben auf {when}</translation>
    </message>
    <message>
        <source>Booked for {when} at {price}</source>
        <translation>Gebucht für {when} zu {price}</translation>
    </message>
    <message>
        <source>Booked at {price}</source>
        <translation>Gebucht für {price}</translation>
    </message>
    <message>
        <source>Snoozed until {time}</source>
        <translation>Zurückgestellt bis {time}</translation>
    </message>
    <message>
        <source>{price} taken back from your earnings (booking cancelled) · {time}</source>
        <translation>{price} von deinen Einnahmen abgezogen (Buchung storniert) · {time}</translation>
    </message>
    <message>
        <source>{price} added to your earnings (Service+ booking for {when}) · {time}</source>
        <translation>{price} zu deinen Einnahmen hinzugefügt (Service+-Buchung für {when}) · {time}</translation>
    </message>
    <message>
        <source>{price} added to your earnings (Service+ booking) · {time}</source>
        <translation>{price} zu deinen Einnahmen hinzugefügt (Service+-Buchung) · {time}</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>All services</source>
        <translation>Alle Dienstleistungen</translation>
    </message>
    <message>
        <source>Search names, services and messages ( / )</source>
        <translation>Namen, Dienstleistungen und Nachrichten durchsuchen ( / )</translation>
    </message>
    <message>
        <source>Quick replies…</source>
        <translation>Schnellantworten…</translation>
    </message>
    <message>
        <source>Open the service bio</source>
        <translation>Service-Bio öffnen</translation>
    </message>
    <message>
        <source>Pick an inquiry on the left.
J / K move through the list, R replies.</source>
        <translation>Wähle links eine Anfrage.
J / K blättern durch die Liste, R antwortet.</translation>
    </message>
    <message>
        <source>J / K or Ctrl+↓ / Ctrl+↑ next / previous · R reply · S status · Q quote · Z snooze · U mark unread · / search · Esc back to the list</source>
        <translation>J / K oder Ctrl+↓ / Ctrl+↑ nächste / vorherige · R antworten · S Status · Q Angebot · Z zurückstellen · U ungelesen · / suchen · Esc zurück zur Liste</translation>
    </message>
    <message>
        <source>Loading inquiries…</source>
        <translation>Anfragen werden geladen…</translation>
    </message>
</context>
<context>
    <name>InviteSignInDialog</name>
    <message>
        <source>Join as a moderator — LiveDesk</source>
        <translation>Als Moderator beitreten — LiveDesk</translation>
    </message>
    <message>
        <source>Join {0} as a moderator. Enter the invite code the creator gave you (it works once) and the name others will see in the moderation log.</source>
        <translation>Tritt {0} als Moderator bei. Gib den Einladungscode ein, den du vom Creator bekommen hast (er gilt nur einmal), und den Namen, den andere im Moderationsprotokoll sehen.</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>e.g. Sam</source>
        <translation>z. B. Sam</translation>
    </message>
    <message>
        <source>only if the creator sent you a certificate file (.pem)</source>
        <translation>nur falls du vom Creator eine .pem-Datei hast</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Dein Name</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>Beitritt läuft…</translation>
    </message>
</context>
<context>
    <name>LanWarningChip</name>
    <message>
        <source>⚠ Open on the network — not encrypted</source>
        <translation>⚠ Im Netzwerk offen – unverschlüsselt</translation>
    </message>
    <message>
        <source>Moderators connect over plain ws://. Click for details and TLS settings.</source>
        <translation>Moderatoren verbinden sich über unverschlüsseltes ws://. Klicke für Details und TLS-Einstellungen.</translation>
    </message>
</context>
<context>
    <name>ModLogPanel</name>
    <message>
        <source>Moderation log</source>
        <translation>Moderationsprotokoll</translation>
    </message>
    <message>
        <source>Filter: name, action, reason</source>
        <translation>Filter: Name, Aktion, Grund</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>No moderation actions yet.</source>
        <translation>Noch keine Moderationsaktionen.</translation>
    </message>
</context>
<context>
    <name>Moderation</name>
    <message>
        <source>Port {0} could not be opened ({1}); the backend listens only on this computer.</source>
        <translation>Port {0} konnte nicht geöffnet werden ({1}); das Backend ist nur auf diesem Computer erreichbar.</translation>
    </message>
    <message>
        <source>Moderators…</source>
        <translation>Moderatoren…</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} Min.</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} Std.</translation>
    </message>
    <message>
        <source>deleted a message</source>
        <translation>Nachricht gelöscht</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Timeout erteilt</translation>
    </message>
    <message>
        <source>banned</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>unbanned</source>
        <translation>entsperrt</translation>
    </message>
    <message>
        <source>pinned a message</source>
        <translation>Nachricht angeheftet</translation>
    </message>
    <message>
        <source>unpinned</source>
        <translation>losgelöst</translation>
    </message>
    <message>
        <source>changed room modes</source>
        <translation>Raummodi geändert</translation>
    </message>
    <message>
        <source>approved a held message</source>
        <translation>zurückgehaltene Nachricht freigegeben</translation>
    </message>
    <message>
        <source>removed a held message</source>
        <translation>zurückgehaltene Nachricht entfernt</translation>
    </message>
    <message>
        <source>queued for the camera</source>
        <translation>für die Kamera vorgemerkt</translation>
    </message>
    <message>
        <source>answered on camera</source>
        <translation>vor der Kamera beantwortet</translation>
    </message>
    <message>
        <source>changed blocked terms</source>
        <translation>blockierte Begriffe geändert</translation>
    </message>
    <message>
        <source>made a moderator invite</source>
        <translation>Moderator-Einladung erstellt</translation>
    </message>
    <message>
        <source>revoked a moderator</source>
        <translation>Moderator widerrufen</translation>
    </message>
    <message>
        <source>joined as moderator</source>
        <translation>als Moderator beigetreten</translation>
    </message>
    <message>
        <source>went live</source>
        <translation>live gegangen</translation>
    </message>
    <message>
        <source>ended the live</source>
        <translation>Live beendet</translation>
    </message>
    <message>
        <source>changed Service+ listings</source>
        <translation>Service+-Angebote geändert</translation>
    </message>
    <message>
        <source>Click a name</source>
        <translation>Klick auf einen Namen</translation>
    </message>
    <message>
        <source>Open the user card (Esc closes it)</source>
        <translation>Nutzerkarte öffnen (Esc schließt sie)</translation>
    </message>
    <message>
        <source>Move the pointer on the chat</source>
        <translation>Zeiger über den Chat bewegen</translation>
    </message>
    <message>
        <source>The chat holds still; it moves on when the pointer rests (Settings)</source>
        <translation>Der Chat hält an; ruht der Zeiger, läuft er weiter (Einstellungen)</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>Moderator</translation>
    </message>
    <message>
        <source>Moderator · {0}</source>
        <translation>Moderator · {0}</translation>
    </message>
    <message>
        <source>LiveDesk — Moderator</source>
        <translation>LiveDesk — Moderator</translation>
    </message>
    <message>
        <source>({0} held) {1}</source>
        <translation>({0} zurückgehalten) {1}</translation>
    </message>
    <message>
        <source>Moderation</source>
        <translation>Moderation</translation>
    </message>
    <message>
        <source>Moderation ({0})</source>
        <translation>Moderation ({0})</translation>
    </message>
</context>
<context>
    <name>ModerationFeature</name>
    <message>
        <source>Blocked terms</source>
        <translation>Blockierte Begriffe</translation>
    </message>
    <message>
        <source>Timed out for {0}.</source>
        <translation>Timeout für {0}.</translation>
    </message>
    <message>
        <source>Banned.</source>
        <translation>Gesperrt.</translation>
    </message>
    <message>
        <source>Ban and timeout lifted.</source>
        <translation>Sperre und Timeout aufgehoben.</translation>
    </message>
    <message>
        <source>Message deleted.</source>
        <translation>Nachricht gelöscht.</translation>
    </message>
    <message>
        <source>No answer from the server yet; it is sent when connected.</source>
        <translation>Noch keine Antwort vom Server; wird gesendet, sobald die Verbindung steht.</translation>
    </message>
    <message>
        <source>The server refused this.</source>
        <translation>Der Server hat das abgelehnt.</translation>
    </message>
    <message>
        <source>Moderation entries the console could not read: {count} (kept on the server)</source>
        <translation>Moderationseinträge, die die Konsole nicht lesen konnte: {count} (bleiben auf dem Server)</translation>
    </message>
    <message>
        <source>Held ({0})</source>
        <translation>Zurückgehalten ({0})</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
</context>
<context>
    <name>ModeratorNameDialog</name>
    <message>
        <source>Moderator window</source>
        <translation>Moderator-Fenster</translation>
    </message>
    <message>
        <source>Who moderates in this window? Their name appears in the moderation log and beside what they write in chat.</source>
        <translation>Wer moderiert in diesem Fenster? Der Name steht im Moderationsprotokoll und neben allem, was im Chat geschrieben wird.</translation>
    </message>
    <message>
        <source>Moderator&apos;s name</source>
        <translation>Name der Moderatorin / des Moderators</translation>
    </message>
</context>
<context>
    <name>ModeratorWindow</name>
    <message>
        <source>The moderator window was not opened: its local store cannot be used.</source>
        <translation>Das Moderatorenfenster wurde nicht geöffnet: Sein lokaler Speicher kann nicht verwendet werden.</translation>
    </message>
    <message>
        <source>The backend did not answer; is the console connected?</source>
        <translation>Das Backend hat nicht geantwortet; ist die Konsole verbunden?</translation>
    </message>
    <message>
        <source>The backend would not make an invite.</source>
        <translation>Das Backend hat keine Einladung erstellt.</translation>
    </message>
    <message>
        <source>The moderator window needs the moderator&apos;s name.</source>
        <translation>Das Moderator-Fenster braucht den Namen der Person, die moderiert.</translation>
    </message>
</context>
<context>
    <name>ModeratorsWindow</name>
    <message>
        <source>Moderators — LiveDesk</source>
        <translation>Moderatoren — LiveDesk</translation>
    </message>
    <message>
        <source>Moderators keep the chat clean: they see both rooms, held messages and the moderation log, and can delete, time out and ban. They never see earnings or your Service+ inbox.</source>
        <translation>Moderatoren halten den Chat sauber: Sie sehen beide Räume, zurückgehaltene Nachrichten und das Moderationsprotokoll und können löschen, Timeouts vergeben und sperren. Deine Einnahmen und deinen Service+-Posteingang sehen sie nie.</translation>
    </message>
    <message>
        <source>Who is it for? (e.g. Sam)</source>
        <translation>Für wen? (z. B. Sam)</translation>
    </message>
    <message>
        <source>Make invite</source>
        <translation>Einladung erstellen</translation>
    </message>
    <message>
        <source>Copy invite</source>
        <translation>Einladung kopieren</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>Einladung</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>Moderator</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Invites and moderators</source>
        <translation>Einladungen und Moderatoren</translation>
    </message>
    <message>
        <source>Invite a moderator</source>
        <translation>Moderator einladen</translation>
    </message>
    <message>
        <source>The backend did not answer; try again.</source>
        <translation>Das Backend hat nicht geantwortet; versuch es noch einmal.</translation>
    </message>
    <message>
        <source>No invite was made.</source>
        <translation>Es wurde keine Einladung erstellt.</translation>
    </message>
    <message>
        <source>Invite code for {0}</source>
        <translation>Einladungscode für {0}</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>Shown only now. The moderator starts LiveDesk with “livedesk --moderator --server {0}” and enters this code once. “Copy invite” copies both.</source>
        <translation>Wird nur jetzt angezeigt. Der Moderator startet LiveDesk mit „livedesk --moderator --server {0}“ und gibt diesen Code einmal ein. „Einladung kopieren“ kopiert beides.</translation>
    </message>
    <message>
        <source>Shown only now. Moderators on other computers cannot reach this computer yet: turn on “Let moderators on the network connect” below.</source>
        <translation>Wird nur jetzt angezeigt. Moderatoren an anderen Computern erreichen diesen Computer noch nicht: Schalte unten „Moderatoren im Netzwerk verbinden lassen“ ein.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>The backend did not answer; the list may be old.</source>
        <translation>Das Backend hat nicht geantwortet; die Liste ist eventuell veraltet.</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Not used yet</source>
        <translation>Noch nicht genutzt</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Click again to revoke</source>
        <translation>Zum Widerrufen erneut klicken</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>This console is connected to {0}. Moderators sign in to the same address.</source>
        <translation>Diese Konsole ist mit {0} verbunden. Moderatoren melden sich an derselben Adresse an.</translation>
    </message>
    <message>
        <source>The backend listens only on this computer: moderators on other computers cannot connect.</source>
        <translation>Das Backend ist nur auf diesem Computer erreichbar: Moderatoren an anderen Computern können sich nicht verbinden.</translation>
    </message>
    <message>
        <source>Moderators on your network connect to {0} (encrypted, TLS).</source>
        <translation>Moderatoren in deinem Netzwerk verbinden sich mit {0} (verschlüsselt, TLS).</translation>
    </message>
    <message>
        <source>Not encrypted: the backend is open on your network at {0} over plain ws://. Anyone on this network can read the chat and moderation traffic and could capture a moderator&apos;s sign-in. Add a TLS certificate and key below, or use this only on a network you trust.</source>
        <translation>Nicht verschlüsselt: Das Backend ist in deinem Netzwerk unter {0} über unverschlüsseltes ws:// erreichbar. Alle in diesem Netzwerk können Chat und Moderation mitlesen und die Anmeldung eines Moderators abfangen. Füge unten ein TLS-Zertifikat und einen Schlüssel hinzu oder nutze das nur in einem Netzwerk, dem du vertraust.</translation>
    </message>
</context>
<context>
    <name>NetworkSection</name>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Let moderators on the network connect</source>
        <translation>Moderatoren im Netzwerk verbinden lassen</translation>
    </message>
    <message>
        <source>certificate .pem (optional, recommended)</source>
        <translation>Zertifikat .pem (optional, empfohlen)</translation>
    </message>
    <message>
        <source>private key .pem</source>
        <translation>privater Schlüssel .pem</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <source>TLS key</source>
        <translation>TLS-Schlüssel</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose a PEM file</source>
        <translation>PEM-Datei auswählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saved. Applies the next time LiveDesk starts.</source>
        <translation>Gespeichert. Gilt ab dem nächsten Start von LiveDesk.</translation>
    </message>
</context>
<context>
    <name>ObsFeature</name>
    <message>
        <source>The stream overlay is not running, so there is nothing to add.</source>
        <translation>Das Stream-Overlay läuft nicht, es gibt also nichts hinzuzufügen.</translation>
    </message>
    <message>
        <source>Add overlay pages to OBS</source>
        <translation>Overlay-Seiten zu OBS hinzufügen</translation>
    </message>
    <message>
        <source>OBS: question scene on / off</source>
        <translation>OBS: Fragen-Szene ein / aus</translation>
    </message>
    <message>
        <source>OBS: switch to the question scene, or back</source>
        <translation>OBS: zur Fragen-Szene wechseln oder zurück</translation>
    </message>
    <message>
        <source>OBS Studio</source>
        <translation>OBS Studio</translation>
    </message>
    <message>
        <source>The OBS password could not be read: the system keyring is missing, locked or not answering. Unlock it, or type the password in Settings again.</source>
        <translation>Das OBS-Passwort konnte nicht gelesen werden: Der Schlüsselbund des Systems fehlt, ist gesperrt oder antwortet nicht. Entsperre ihn oder gib das Passwort in den Einstellungen erneut ein.</translation>
    </message>
    <message>
        <source>The OBS password could not be kept in the system keyring (missing, locked or not answering), so LiveDesk forgets it when it closes. It never writes it to a file.</source>
        <translation>Das OBS-Passwort konnte nicht im Schlüsselbund des Systems gespeichert werden (fehlt, gesperrt oder antwortet nicht), daher vergisst LiveDesk es beim Beenden. In eine Datei schreibt LiveDesk es nie.</translation>
    </message>
    <message>
        <source>OBS is dropping frames ({0}): check your upload and encoder.</source>
        <translation>OBS verliert Frames ({0}): Upload und Encoder prüfen.</translation>
    </message>
    <message>
        <source>OBS is not connected: start or stop its stream there.</source>
        <translation>OBS ist nicht verbunden: Stream dort starten oder beenden.</translation>
    </message>
    <message>
        <source>OBS did not do it: {0}</source>
        <translation>OBS hat es nicht ausgeführt: {0}</translation>
    </message>
    <message>
        <source>OBS is not connected: no scene switch.</source>
        <translation>OBS ist nicht verbunden: kein Szenenwechsel.</translation>
    </message>
    <message>
        <source>OBS has no scene “{0}”: the rule “{1}” did not switch. Rename the scene in OBS or change the rule in Settings.</source>
        <translation>OBS hat keine Szene „{0}“: Die Regel „{1}“ hat nicht gewechselt. Benenne die Szene in OBS um oder ändere die Regel in den Einstellungen.</translation>
    </message>
    <message>
        <source>No switch to “{0}”: {1}</source>
        <translation>Kein Wechsel zu „{0}“: {1}</translation>
    </message>
    <message>
        <source>OBS back to “{0}”</source>
        <translation>OBS zurück zu „{0}“</translation>
    </message>
    <message>
        <source>{0}&apos;s gift of {1} 💎</source>
        <translation>Geschenk von {0} über {1} 💎</translation>
    </message>
    <message>
        <source>hotkey</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>on-camera question</source>
        <translation>Frage vor der Kamera</translation>
    </message>
    <message>
        <source>OBS → “{0}” ({1})</source>
        <translation>OBS → „{0}“ ({1})</translation>
    </message>
    <message>
        <source>gift ≥ {0} 💎 → {1} for {2} s</source>
        <translation>Geschenk ≥ {0} 💎 → {1} für {2} s</translation>
    </message>
    <message>
        <source>question → {0}</source>
        <translation>Frage → {0}</translation>
    </message>
    <message>
        <source>OBS is not connected. Turn on OBS in Settings and start OBS first.</source>
        <translation>OBS ist nicht verbunden. Schalte OBS in den Einstellungen ein und starte zuerst OBS.</translation>
    </message>
    <message>
        <source>This OBS has no Browser Source, so the overlay pages cannot be added. Install an OBS Studio that includes it (obs-browser): the build from obsproject.com or Flathub (com.obsproject.Studio). Debian&apos;s obs-studio package leaves it out.</source>
        <translation>Dieses OBS hat keine Browserquelle, daher können die Overlay-Seiten nicht hinzugefügt werden. Installiere ein OBS Studio, das sie enthält (obs-browser): die Version von obsproject.com oder von Flathub (com.obsproject.Studio). Debians Paket obs-studio lässt sie weg.</translation>
    </message>
    <message>
        <source>OBS already has a source named “{0}” that is not a Browser Source. Rename it in OBS, then try again.</source>
        <translation>OBS hat bereits eine Quelle namens „{0}“, die keine Browserquelle ist. Benenne sie in OBS um und versuche es erneut.</translation>
    </message>
    <message>
        <source>OBS has no scene “{0}”.</source>
        <translation>OBS hat keine Szene „{0}“.</translation>
    </message>
    <message>
        <source>OBS did not take the overlay pages: {0}</source>
        <translation>OBS hat die Overlay-Seiten nicht übernommen: {0}</translation>
    </message>
    <message>
        <source>Scene “{0}”: {1} sources added, {2} updated.</source>
        <translation>Szene „{0}“: {1} Quellen hinzugefügt, {2} aktualisiert.</translation>
    </message>
</context>
<context>
    <name>ObsPanel</name>
    <message>
        <source>OBS · scene switches</source>
        <translation>OBS · Szenenwechsel</translation>
    </message>
    <message>
        <source>Add overlay to OBS</source>
        <translation>Overlay zu OBS hinzufügen</translation>
    </message>
    <message>
        <source>Create or update the overlay pages as Browser Sources in OBS&apos;s current scene</source>
        <translation>Die Overlay-Seiten als Browserquellen in der aktuellen OBS-Szene anlegen oder aktualisieren</translation>
    </message>
    <message>
        <source>Scene switches made by your rules appear here.</source>
        <translation>Szenenwechsel durch deine Regeln erscheinen hier.</translation>
    </message>
</context>
<context>
    <name>ObsSettingsBox</name>
    <message>
        <source>Connect to OBS Studio</source>
        <translation>Mit OBS Studio verbinden</translation>
    </message>
    <message>
        <source>OBS 28 or newer: Tools → WebSocket Server Settings</source>
        <translation>OBS 28 oder neuer: Werkzeuge → WebSocket-Server-Einstellungen</translation>
    </message>
    <message>
        <source>OBS WebSocket password</source>
        <translation>OBS-WebSocket-Passwort</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a file</source>
        <translation>Im Schlüsselbund des Systems gespeichert, nie in einer Datei</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Go live / End live also start and stop the OBS stream</source>
        <translation>Live gehen / beenden startet und stoppt auch den OBS-Stream</translation>
    </message>
    <message>
        <source>Scene rules…</source>
        <translation>Szenenregeln …</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Off. Turn it on, or press Test to try the connection.</source>
        <translation>Aus. Schalte es ein oder teste die Verbindung mit „Testen“.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste …</translation>
    </message>
</context>
<context>
    <name>ObsStrip</name>
    <message>
        <source>Connected to OBS {0} (obs-websocket {1})</source>
        <translation>Verbunden mit OBS {0} (obs-websocket {1})</translation>
    </message>
    <message>
        <source>Connecting to OBS…</source>
        <translation>Verbinde mit OBS …</translation>
    </message>
    <message>
        <source>OBS is not running, or its WebSocket server is off (OBS: Tools → WebSocket Server Settings). Nothing answers on {0}; LiveDesk connects once it does.</source>
        <translation>OBS läuft nicht, oder sein WebSocket-Server ist aus (OBS: Werkzeuge → WebSocket-Server-Einstellungen). Auf {0} antwortet nichts; LiveDesk verbindet sich, sobald es antwortet.</translation>
    </message>
    <message>
        <source>OBS refused the password. In OBS: Tools → WebSocket Server Settings → Show Connect Info, and copy the password from there.</source>
        <translation>OBS hat das Passwort abgelehnt. In OBS: Werkzeuge → WebSocket-Server-Einstellungen → Verbindungsinformationen anzeigen, und das Passwort von dort kopieren.</translation>
    </message>
    <message>
        <source>OBS does not answer on {0}: it may be busy or hanging, or another program uses that port.</source>
        <translation>OBS antwortet nicht auf {0}: Es ist vielleicht ausgelastet oder hängt, oder ein anderes Programm nutzt diesen Port.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>verbindet neu</translation>
    </message>
    <message>
        <source>● LIVE</source>
        <translation>● LIVE</translation>
    </message>
    <message>
        <source>REC</source>
        <translation>REC</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● REC</translation>
    </message>
    <message>
        <source>not streaming</source>
        <translation>streamt nicht</translation>
    </message>
    <message>
        <source>{0} kb/s</source>
        <translation>{0} kbit/s</translation>
    </message>
    <message>
        <source>dropped {0}</source>
        <translation>verloren {0}</translation>
    </message>
    <message>
        <source>CPU {0}</source>
        <translation>CPU {0}</translation>
    </message>
    <message>
        <source>OBS is streaming: go live here too</source>
        <translation>OBS streamt: hier auch live gehen</translation>
    </message>
    <message>
        <source>dropping frames</source>
        <translation>verliert Frames</translation>
    </message>
    <message>
        <source>OBS: connecting…</source>
        <translation>OBS: verbinde …</translation>
    </message>
    <message>
        <source>OBS: wrong password</source>
        <translation>OBS: falsches Passwort</translation>
    </message>
    <message>
        <source>OBS: not answering</source>
        <translation>OBS: antwortet nicht</translation>
    </message>
    <message>
        <source>OBS: not running</source>
        <translation>OBS: läuft nicht</translation>
    </message>
</context>
<context>
    <name>OnCameraPanel</name>
    <message>
        <source>No questions queued.
Right-click a Below Room message → Answer on camera.</source>
        <translation>Keine Fragen vorgemerkt.
Rechtsklick auf eine Below-Room-Nachricht → Vor der Kamera beantworten.</translation>
    </message>
    <message>
        <source>Mark answered</source>
        <translation>Als beantwortet markieren</translation>
    </message>
    <message>
        <source>Mark the selected question answered (Ctrl+Return)</source>
        <translation>Ausgewählte Frage als beantwortet markieren (Ctrl+Return)</translation>
    </message>
    <message>
        <source>On camera · {0} queued</source>
        <translation>Vor der Kamera · {0} vorgemerkt</translation>
    </message>
</context>
<context>
    <name>OverlayFeature</name>
    <message>
        <source>Stream overlay (OBS)…</source>
        <translation>Stream-Overlay (OBS)…</translation>
    </message>
    <message>
        <source>Stream overlay URLs for OBS</source>
        <translation>Stream-Overlay-URLs für OBS</translation>
    </message>
    <message>
        <source>The stream overlay could not use port {0} ({1}). Choose another port.</source>
        <translation>Das Stream-Overlay konnte Port {0} nicht nutzen ({1}). Wähle einen anderen Port.</translation>
    </message>
    <message>
        <source>sent {gift}</source>
        <translation>hat {gift} geschickt</translation>
    </message>
    <message>
        <source>is now a member · Tier {tier}</source>
        <translation>ist jetzt Mitglied · Stufe {tier}</translation>
    </message>
    <message>
        <source>renewed their membership · {months} months</source>
        <translation>hat die Mitgliedschaft verlängert · {months} Monate</translation>
    </message>
    <message>
        <source>Top gifters</source>
        <translation>Top-Spender</translation>
    </message>
    <message>
        <source>No gifts yet</source>
        <translation>Noch keine Geschenke</translation>
    </message>
    <message>
        <source>Diamond goal</source>
        <translation>Diamanten-Ziel</translation>
    </message>
    <message>
        <source>Join me: scan to chat</source>
        <translation>Scannen und mitchatten</translation>
    </message>
    <message>
        <source>{user} asks</source>
        <translation>{user} fragt</translation>
    </message>
    <message>
        <source>+{count} more</source>
        <translation>+{count} weitere</translation>
    </message>
</context>
<context>
    <name>OverlayPanel</name>
    <message>
        <source>Stream overlay (OBS)</source>
        <translation>Stream-Overlay (OBS)</translation>
    </message>
    <message>
        <source>In OBS: Sources → + → Browser. Paste a URL, set the width and height shown beside it, and leave the background transparent. Keep the URLs to yourself: their key lets a page read your alerts.</source>
        <translation>In OBS: Quellen → + → Browser. Füge eine URL ein, stelle Breite und Höhe wie daneben angegeben ein und lass den Hintergrund transparent. Behalte die URLs für dich: Mit ihrem Schlüssel kann eine Seite deine Alerts lesen.</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Gift alerts</source>
        <translation>Geschenk-Alerts</translation>
    </message>
    <message>
        <source>each alert as it plays in LiveDesk</source>
        <translation>jeder Alert, wie er in LiveDesk läuft</translation>
    </message>
    <message>
        <source>Top gifters</source>
        <translation>Top-Spender</translation>
    </message>
    <message>
        <source>this live&apos;s top five</source>
        <translation>die Top 5 dieses Lives</translation>
    </message>
    <message>
        <source>Goal bar</source>
        <translation>Zielbalken</translation>
    </message>
    <message>
        <source>diamonds toward your goal</source>
        <translation>Diamanten auf dem Weg zu deinem Ziel</translation>
    </message>
    <message>
        <source>Pinned message</source>
        <translation>Angeheftete Nachricht</translation>
    </message>
    <message>
        <source>the public chat&apos;s pinned message</source>
        <translation>die angeheftete Nachricht des öffentlichen Chats</translation>
    </message>
    <message>
        <source>Fan page QR code</source>
        <translation>QR-Code der Fan-Seite</translation>
    </message>
    <message>
        <source>fans scan it to join</source>
        <translation>Fans scannen ihn und sind dabei</translation>
    </message>
    <message>
        <source>On-camera question</source>
        <translation>Frage vor der Kamera</translation>
    </message>
    <message>
        <source>the question you answer now</source>
        <translation>die Frage, die du gerade beantwortest</translation>
    </message>
    <message>
        <source>{0} × {1}</source>
        <translation>{0} × {1}</translation>
    </message>
    <message>
        <source>Browser Source width × height</source>
        <translation>Breite × Höhe der Browser-Quelle</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Diamond goal</source>
        <translation>Diamanten-Ziel</translation>
    </message>
    <message>
        <source>no goal</source>
        <translation>kein Ziel</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Diamonds this live</source>
        <translation>Diamanten in diesem Live</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Use this port</source>
        <translation>Diesen Port nutzen</translation>
    </message>
    <message>
        <source>New key…</source>
        <translation>Neuer Schlüssel…</translation>
    </message>
    <message>
        <source>Old URLs stop working: paste the new ones into OBS afterwards</source>
        <translation>Alte URLs funktionieren dann nicht mehr: füge danach die neuen in OBS ein</translation>
    </message>
    <message>
        <source>Port on 127.0.0.1</source>
        <translation>Port auf 127.0.0.1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>no page open</source>
        <translation>keine Seite offen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s) open</source>
        <translation>
            <numerusform>%Ln Seite offen</numerusform>
            <numerusform>%Ln Seiten offen</numerusform>
        </translation>
    </message>
    <message>
        <source>Serving on 127.0.0.1, port {0} · {1}</source>
        <translation>Läuft auf 127.0.0.1, Port {0} · {1}</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Click again: old URLs stop working</source>
        <translation>Noch einmal klicken: alte URLs werden ungültig</translation>
    </message>
</context>
<context>
    <name>PaneDock</name>
    <message>
        <source>{0} — LiveDesk</source>
        <translation>{0} — LiveDesk</translation>
    </message>
</context>
<context>
    <name>QuickRepliesEditor</name>
    <message>
        <source>Quick replies</source>
        <translation>Schnellantworten</translation>
    </message>
    <message>
        <source>code, e.g. price</source>
        <translation>Kürzel, z. B. price</translation>
    </message>
    <message>
        <source>The reply. {name}, {service}, {price} and {creator} are filled in.</source>
        <translation>Die Antwort. {name}, {service}, {price} und {creator} werden ausgefüllt.</translation>
    </message>
    <message>
        <source>Type &quot;/&quot; and the code in a reply box, then press Tab: the text is inserted with the viewer&apos;s name, the service and its price filled in.</source>
        <translation>Tippe im Antwortfeld „/“ und das Kürzel, dann Tab: Der Text wird eingefügt, mit dem Namen des Zuschauers, der Dienstleistung und ihrem Preis.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>Standard wiederherstellen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Code (after the /)</source>
        <translation>Kürzel (nach dem /)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>ReconnectNote</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>Reconnected after %1</source>
        <translation>Wieder verbunden nach %1</translation>
    </message>
    <message>
        <source>no messages missed</source>
        <translation>keine Nachrichten verpasst</translation>
    </message>
    <message>
        <source>1 missed message filled in</source>
        <translation>1 verpasste Nachricht nachgeladen</translation>
    </message>
    <message>
        <source>%1 missed messages filled in</source>
        <translation>%1 verpasste Nachrichten nachgeladen</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>LiveDesk — local data</source>
        <translation>LiveDesk – lokale Daten</translation>
    </message>
    <message>
        <source>Start a fresh store</source>
        <translation>Neuen Speicher anlegen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>The local store became unreadable while LiveDesk was running.</source>
        <translation>Der lokale Speicher wurde während der Laufzeit von LiveDesk unlesbar.</translation>
    </message>
    <message>
        <source>The local store of this account is damaged and cannot be read.</source>
        <translation>Der lokale Speicher dieses Kontos ist beschädigt und kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The local store file belongs to another program.</source>
        <translation>Die Datei des lokalen Speichers gehört zu einem anderen Programm.</translation>
    </message>
    <message>
        <source>The local store was written by a newer version of LiveDesk.</source>
        <translation>Der lokale Speicher wurde von einer neueren LiveDesk-Version geschrieben.</translation>
    </message>
    <message>
        <source>The local store is in use by another program.</source>
        <translation>Der lokale Speicher wird von einem anderen Programm benutzt.</translation>
    </message>
    <message>
        <source>The local store cannot be used.</source>
        <translation>Der lokale Speicher kann nicht benutzt werden.</translation>
    </message>
    <message>
        <source>LiveDesk can start a fresh local store and sync it again from the server. The old file is kept, renamed to:
{0}

History the server no longer has stays only in that file.</source>
        <translation>LiveDesk kann einen neuen lokalen Speicher anlegen und ihn erneut vom Server synchronisieren. Die alte Datei bleibt erhalten, umbenannt in:
{0}

Verlauf, den der Server nicht mehr hat, steht nur noch in dieser Datei.</translation>
    </message>
    <message>
        <source>Another program holds {0} locked (is LiveDesk already running for this account?). Close it, then try again.</source>
        <translation>Ein anderes Programm hält {0} gesperrt (läuft LiveDesk für dieses Konto schon?). Schließe es und versuche es dann erneut.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>Der Datenträger ist voll. Gib Speicherplatz frei und versuche es dann erneut.</translation>
    </message>
    <message>
        <source>{0}

Check the file and its folder, then try again.</source>
        <translation>{0}

Prüfe die Datei und ihren Ordner und versuche es dann erneut.</translation>
    </message>
</context>
<context>
    <name>RoomControls</name>
    <message>
        <source>Slow mode</source>
        <translation>Slow-Modus</translation>
    </message>
    <message>
        <source> s between messages</source>
        <translation> s zwischen Nachrichten</translation>
    </message>
    <message>
        <source>Members only</source>
        <translation>Nur Mitglieder</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Loslösen</translation>
    </message>
    <message>
        <source>Pinned: {0}</source>
        <translation>Angeheftet: {0}</translation>
    </message>
    <message>
        <source>Nothing pinned (right-click a message → Pin)</source>
        <translation>Nichts angeheftet (Rechtsklick auf eine Nachricht → Anheften)</translation>
    </message>
</context>
<context>
    <name>RoomControlsPanel</name>
    <message>
        <source>Room modes</source>
        <translation>Raummodi</translation>
    </message>
    <message>
        <source>Public chat</source>
        <translation>Öffentlicher Chat</translation>
    </message>
    <message>
        <source>Below Room</source>
        <translation>Below Room</translation>
    </message>
</context>
<context>
    <name>SceneRulesDialog</name>
    <message>
        <source>OBS scene rules — LiveDesk</source>
        <translation>OBS-Szenenregeln — LiveDesk</translation>
    </message>
    <message>
        <source>A gift worth at least the diamonds shown switches OBS to the scene for the seconds shown, then back. An on-camera question (or Ctrl+Shift+Q) switches to its scene until it is answered. Rules only react to LiveDesk, never to OBS, so they cannot loop; switching by hand in OBS ends a rule&apos;s hold.</source>
        <translation>Ein Geschenk ab den angegebenen Diamanten wechselt OBS für die angegebenen Sekunden zur Szene und danach zurück. Eine Frage vor der Kamera (oder Strg+Umschalt+Q) wechselt zu ihrer Szene, bis sie beantwortet ist. Regeln reagieren nur auf LiveDesk, nie auf OBS, und können sich daher nicht gegenseitig auslösen; ein Wechsel von Hand in OBS beendet das Halten einer Regel.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Ab</translation>
    </message>
    <message>
        <source>Scene</source>
        <translation>Szene</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <source>Gift of at least</source>
        <translation>Geschenk ab</translation>
    </message>
    <message>
        <source>On-camera question</source>
        <translation>Frage vor der Kamera</translation>
    </message>
    <message>
        <source>Rule {0}: choose a scene.</source>
        <translation>Regel {0}: Wähle eine Szene.</translation>
    </message>
    <message>
        <source>Rule {0}: OBS has no scene “{1}” (yet).</source>
        <translation>Regel {0}: OBS hat (noch) keine Szene „{1}“.</translation>
    </message>
</context>
<context>
    <name>ServiceBioPage</name>
    <message>
        <source>Add a service</source>
        <translation>Dienstleistung hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Your services</source>
        <translation>Deine Dienstleistungen</translation>
    </message>
    <message>
        <source>What the client gets, how it works</source>
        <translation>Was Kunden bekommen und wie es abläuft</translation>
    </message>
    <message>
        <source>Price on request</source>
        <translation>Preis auf Anfrage</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source>This service needs no license in my region</source>
        <translation>Diese Dienstleistung braucht in meiner Region keine Zulassung</translation>
    </message>
    <message>
        <source>Service+ only allows services that need no license where you offer them. Anything that needs one (for example medical, legal or financial advice) cannot be listed.</source>
        <translation>Service+ erlaubt nur Dienstleistungen, die dort, wo du sie anbietest, keine Zulassung brauchen. Alles, was eine braucht (zum Beispiel medizinische, rechtliche oder Finanzberatung), kann nicht angeboten werden.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Save service bio</source>
        <translation>Service-Bio speichern</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>The saved services changed elsewhere; your edits are kept. “Undo changes” loads the saved ones.</source>
        <translation>Die gespeicherten Dienstleistungen wurden anderswo geändert; deine Änderungen bleiben erhalten. „Änderungen verwerfen“ lädt die gespeicherten.</translation>
    </message>
    <message>
        <source>Saved. Viewers see these services now.</source>
        <translation>Gespeichert. Zuschauer sehen diese Dienstleistungen jetzt.</translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>Nicht gespeichert: {why}</translation>
    </message>
    <message>
        <source>New service</source>
        <translation>Neue Dienstleistung</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>Ungespeicherte Änderungen.</translation>
    </message>
</context>
<context>
    <name>SessionBar</name>
    <message>
        <source>Demo — simulated audience</source>
        <translation>Demo – simuliertes Publikum</translation>
    </message>
    <message>
        <source>Go live</source>
        <translation>Live gehen</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>viewers</source>
        <translation>Zuschauer</translation>
    </message>
    <message>
        <source>diamonds this live</source>
        <translation>Diamanten in diesem Live</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>Jetzt verbinden</translation>
    </message>
    <message>
        <source>End live</source>
        <translation>Live beenden</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>Not connected: LiveDesk must reach the server first</source>
        <translation>Nicht verbunden: LiveDesk muss erst den Server erreichen</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>● Connected</source>
        <translation>● Verbunden</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbinde erneut…</translation>
    </message>
    <message>
        <source>Reconnecting in {0} s</source>
        <translation>Neuer Versuch in {0} s</translation>
    </message>
    <message>
        <source>Offline · next try in {0} s</source>
        <translation>Offline · nächster Versuch in {0} s</translation>
    </message>
    <message>
        <source>{0} queued</source>
        <translation>{0} in Warteschlange</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings — LiveDesk</source>
        <translation>Einstellungen — LiveDesk</translation>
    </message>
    <message>
        <source>empty: embedded demo backend</source>
        <translation>leer: Demo-Backend</translation>
    </message>
    <message>
        <source> messages</source>
        <translation> Nachrichten</translation>
    </message>
    <message>
        <source> s after the pointer stops</source>
        <translation> s nach dem Anhalten des Zeigers</translation>
    </message>
    <message>
        <source>Never (only when scrolled up)</source>
        <translation>Nie (nur beim Hochscrollen)</translation>
    </message>
    <message>
        <source>Chat holds still while you move the pointer over it or scroll up, and moves on once the pointer has rested this long</source>
        <translation>Der Chat hält still, während du den Zeiger darüber bewegst oder hochscrollst, und läuft weiter, sobald der Zeiger so lange ruht</translation>
    </message>
    <message>
        <source>Follow system</source>
        <translation>Wie System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Smaller gifts go to the feed only, without a pop-up</source>
        <translation>Kleinere Geschenke landen nur im Verlauf, ohne Pop-up</translation>
    </message>
    <message>
        <source>Bigger gifts stay up longer</source>
        <translation>Größere Geschenke bleiben länger stehen</translation>
    </message>
    <message>
        <source>Alerts stay near real time: gifts one person sends while their alert waits or plays add up into that alert; bigger gifts play first; when {0} or more wait, each plays shorter; a small gift more than {1} s behind goes to the feed only. Each live starts with an empty queue.</source>
        <translation>Alerts bleiben nah an Echtzeit: Geschenke, die eine Person schickt, während ihr Alert wartet oder läuft, werden in diesem Alert zusammengezählt; größere Geschenke kommen zuerst; warten {0} oder mehr, läuft jeder kürzer; ein kleines Geschenk, das mehr als {1} s im Verzug ist, erscheint nur im Feed. Jedes Live beginnt mit einer leeren Warteschlange.</translation>
    </message>
    <message>
        <source>Ask before ending a live</source>
        <translation>Vor dem Beenden eines Lives fragen</translation>
    </message>
    <message>
        <source>Server and language changes apply the next time LiveDesk starts.</source>
        <translation>Server- und Sprachänderungen gelten ab dem nächsten Start von LiveDesk.</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>Chat font size</source>
        <translation>Chat-Schriftgröße</translation>
    </message>
    <message>
        <source>Scrollback</source>
        <translation>Chatverlauf</translation>
    </message>
    <message>
        <source>Pause chat under the pointer</source>
        <translation>Chat unter dem Zeiger anhalten</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Alert pop-up from</source>
        <translation>Alert-Pop-up ab</translation>
    </message>
    <message>
        <source>Alert duration</source>
        <translation>Alert-Dauer</translation>
    </message>
    <message>
        <source>End live</source>
        <translation>Live beenden</translation>
    </message>
    <message>
        <source>Moderators…</source>
        <translation>Moderatoren…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — LiveDesk</source>
        <translation>Anmelden — LiveDesk</translation>
    </message>
    <message>
        <source>Sign in to {0} as a moderator.</source>
        <translation>Bei {0} als Moderator anmelden.</translation>
    </message>
    <message>
        <source>Sign in to {0}.</source>
        <translation>Bei {0} anmelden.</translation>
    </message>
    <message>
        <source>Paste the access token</source>
        <translation>Token einfügen</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>That does not look like a LiveDesk token. An invite code from a creator is for moderators: start LiveDesk with --moderator --server {0} to enter it.</source>
        <translation>Das sieht nicht nach einem LiveDesk-Token aus. Ein Einladungscode von einer Creatorin oder einem Creator ist für Moderatoren: starte LiveDesk mit --moderator --server {0}, um ihn einzugeben.</translation>
    </message>
</context>
<context>
    <name>TikTok</name>
    <message>
        <source>LiveDesk cannot delete a message on TikTok itself: blocked terms, holds and bans only decide what LiveDesk shows. Delete it in TikTok LIVE Studio or the TikTok app.</source>
        <translation>LiveDesk kann keine Nachricht auf TikTok selbst löschen: Gesperrte Begriffe, Zurückhalten und Sperren bestimmen nur, was LiveDesk zeigt. Lösche sie in TikTok LIVE Studio oder in der TikTok-App.</translation>
    </message>
    <message>
        <source>TikTok LIVE: LiveDesk cannot delete a message on TikTok itself; blocked terms, holds and bans only hide it in LiveDesk. Applies at the next start.</source>
        <translation>TikTok LIVE: LiveDesk kann keine Nachricht auf TikTok selbst löschen; gesperrte Begriffe, Zurückhalten und Sperren blenden sie nur in LiveDesk aus. Gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>TikTok: off</source>
        <translation>TikTok: aus</translation>
    </message>
    <message>
        <source>TikTok: connecting…</source>
        <translation>TikTok: verbinde…</translation>
    </message>
    <message>
        <source>TikTok ● {0}</source>
        <translation>TikTok ● {0}</translation>
    </message>
    <message>
        <source>TikTok: {0} is not live — go live on TikTok</source>
        <translation>TikTok: {0} ist nicht live — geh auf TikTok live</translation>
    </message>
    <message>
        <source>TikTok refused — check Settings → My TikTok LIVE</source>
        <translation>TikTok hat abgelehnt — prüfe Einstellungen → Mein TikTok LIVE</translation>
    </message>
    <message>
        <source>TikTok: signing service unreachable — check the internet</source>
        <translation>TikTok: Signierdienst nicht erreichbar — prüfe die Internetverbindung</translation>
    </message>
    <message>
        <source>TikTok LIVE ended</source>
        <translation>TikTok LIVE beendet</translation>
    </message>
    <message>
        <source>Set your TikTok @username in Settings → My TikTok LIVE.</source>
        <translation>Trage deinen TikTok-@Benutzernamen unter Einstellungen → Mein TikTok LIVE ein.</translation>
    </message>
    <message>
        <source>LiveDesk is connecting to your TikTok LIVE. Wait a moment.</source>
        <translation>LiveDesk verbindet sich mit deinem TikTok LIVE. Einen Moment bitte.</translation>
    </message>
    <message>
        <source>Chat, gifts and viewers of your TikTok LIVE arrive here.</source>
        <translation>Chat, Geschenke und Zuschauer deines TikTok LIVE kommen hier an.</translation>
    </message>
    <message>
        <source>Go live in TikTok LIVE Studio or the TikTok app; LiveDesk checks again.</source>
        <translation>Geh in TikTok LIVE Studio oder der TikTok-App live; LiveDesk prüft es erneut.</translation>
    </message>
    <message>
        <source>Check your @username and the signing key in Settings → My TikTok LIVE. LiveDesk tries again.</source>
        <translation>Prüfe deinen @Benutzernamen und den Signierschlüssel unter Einstellungen → Mein TikTok LIVE. LiveDesk versucht es erneut.</translation>
    </message>
    <message>
        <source>Check the internet connection (and the signing service URL, if you set one). LiveDesk tries again.</source>
        <translation>Prüfe die Internetverbindung (und die URL des Signierdienstes, falls du eine eingetragen hast). LiveDesk versucht es erneut.</translation>
    </message>
    <message>
        <source>Your TikTok LIVE ended; LiveDesk stopped reading it.</source>
        <translation>Dein TikTok LIVE ist beendet; LiveDesk liest es nicht mehr.</translation>
    </message>
    <message>
        <source>next try in {0} s</source>
        <translation>nächster Versuch in {0} s</translation>
    </message>
    <message>
        <source>On TikTok: {0} likes, {1} new followers, {2} shares, {3} joined.</source>
        <translation>Auf TikTok: {0} Likes, {1} neue Follower, {2}-mal geteilt, {3} beigetreten.</translation>
    </message>
</context>
<context>
    <name>TikTokSettingsRows</name>
    <message>
        <source>@username — empty: no TikTok LIVE</source>
        <translation>@Benutzername — leer: kein TikTok LIVE</translation>
    </message>
    <message>
        <source>LiveDesk reads chat, gifts and viewers of this account&apos;s TikTok LIVE (needs the internet). Applies the next time LiveDesk starts.</source>
        <translation>LiveDesk liest Chat, Geschenke und Zuschauer des TikTok LIVE dieses Kontos (braucht Internet). Gilt ab dem nächsten Start von LiveDesk.</translation>
    </message>
    <message>
        <source>optional; kept in the system keyring</source>
        <translation>optional; im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>An API key of the signing service (Euler Stream) raises its connection limit. Left empty, a key saved before is kept.</source>
        <translation>Ein API-Schlüssel des Signierdienstes (Euler Stream) hebt dessen Verbindungslimit an. Leer gelassen, bleibt ein früher gespeicherter Schlüssel erhalten.</translation>
    </message>
    <message>
        <source>My TikTok LIVE</source>
        <translation>Mein TikTok LIVE</translation>
    </message>
    <message>
        <source>TikTok signing key</source>
        <translation>TikTok-Signierschlüssel</translation>
    </message>
    <message>
        <source>The signing key was not saved: {0}</source>
        <translation>Der Signierschlüssel wurde nicht gespeichert: {0}</translation>
    </message>
</context>
<context>
    <name>UserCard</name>
    <message>
        <source>Creator</source>
        <translation>Creator</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>Moderator</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Top gifter</source>
        <translation>Top-Spender</translation>
    </message>
    <message>
        <source>Fan page</source>
        <translation>Fan-Seite</translation>
    </message>
    <message>
        <source>{0} · tier {1}</source>
        <translation>{0} · Stufe {1}</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Reason (optional, shown in the log)</source>
        <translation>Grund (optional, erscheint im Protokoll)</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>Ban</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Unban</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>Diese Nachricht löschen</translation>
    </message>
    <message>
        <source>Private notes about this user (kept on this computer only)</source>
        <translation>Private Notizen zu dieser Person (nur auf diesem Computer gespeichert)</translation>
    </message>
    <message>
        <source>Recent messages</source>
        <translation>Letzte Nachrichten</translation>
    </message>
    <message>
        <source>Private notes</source>
        <translation>Private Notizen</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Zuschauer</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The creator and moderators cannot be timed out or banned.</source>
        <translation>Creator und Moderatoren können weder Timeout noch Sperre bekommen.</translation>
    </message>
    <message>
        <source>Banned</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Timed out until {0}</source>
        <translation>Timeout bis {0}</translation>
    </message>
    <message>
        <source>No messages from this user on this computer yet.</source>
        <translation>Auf diesem Computer noch keine Nachrichten dieser Person.</translation>
    </message>
    <message>
        <source>Below</source>
        <translation>Below</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <source>Timing out for {0}…</source>
        <translation>Timeout für {0} wird gesetzt…</translation>
    </message>
    <message>
        <source>Banning…</source>
        <translation>Wird gesperrt…</translation>
    </message>
    <message>
        <source>Lifting ban and timeout…</source>
        <translation>Sperre und Timeout werden aufgehoben…</translation>
    </message>
    <message>
        <source>Deleting the message…</source>
        <translation>Nachricht wird gelöscht…</translation>
    </message>
</context>
<context>
    <name>_Stat</name>
    <message>
        <source>{0} · as of {1}</source>
        <translation>{0} · Stand {1}</translation>
    </message>
    <message>
        <source>Not updated since {0}: LiveDesk is not connected</source>
        <translation>Seit {0} nicht aktualisiert: LiveDesk ist nicht verbunden</translation>
    </message>
</context>
</TS>
