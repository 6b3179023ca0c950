<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlertCard</name>
    <message numerus="yes">
        <source>%Ln waiting — resume to play them</source>
        <translation>
            <numerusform>%Ln waiting — resume to play it</numerusform>
            <numerusform>%Ln waiting — resume to play them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertsFeature</name>
    <message numerus="yes">
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln waiting</numerusform>
            <numerusform>%Ln waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln s behind</source>
        <translation>
            <numerusform>%Ln s behind</numerusform>
            <numerusform>%Ln s behind</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln small one(s) only in the feed</source>
        <translation>
            <numerusform>%Ln small one only in the feed</numerusform>
            <numerusform>%Ln small ones only in the feed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln gift(s)</source>
        <translation>
            <numerusform>%Ln gift</numerusform>
            <numerusform>%Ln gifts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new member(s)</source>
        <translation>
            <numerusform>%Ln new member</numerusform>
            <numerusform>%Ln new members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln renewal(s)</source>
        <translation>
            <numerusform>%Ln renewal</numerusform>
            <numerusform>%Ln renewals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BlockedTermsEditor</name>
    <message numerus="yes">
        <source>%Ln term(s) saved; matching messages are held for review</source>
        <translation>
            <numerusform>%Ln term saved; matching messages are held for review</numerusform>
            <numerusform>%Ln terms saved; matching messages are held for review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation>
            <numerusform>%Ln member</numerusform>
            <numerusform>%Ln members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>▼ %Ln new message(s)</source>
        <translation>
            <numerusform>▼ %Ln new message</numerusform>
            <numerusform>▼ %Ln new messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EarningsFeature</name>
    <message numerus="yes">
        <source>%Ln booking(s)</source>
        <translation>
            <numerusform>%Ln booking</numerusform>
            <numerusform>%Ln bookings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln subscription(s)</source>
        <translation>
            <numerusform>%Ln subscription</numerusform>
            <numerusform>%Ln subscriptions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ledger line(s) · after the platform&apos;s share</source>
        <translation>
            <numerusform>%Ln ledger line · after the platform&apos;s share</numerusform>
            <numerusform>%Ln ledger lines · after the platform&apos;s share</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>💎 {0} from %Ln gift(s)</source>
        <translation>
            <numerusform>💎 {0} from %Ln gift</numerusform>
            <numerusform>💎 {0} from %Ln gifts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln subscription(s) · {0} gross</source>
        <translation>
            <numerusform>%Ln subscription · {0} gross</numerusform>
            <numerusform>%Ln subscriptions · {0} gross</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln booking(s) · {0} gross</source>
        <translation>
            <numerusform>%Ln booking · {0} gross</numerusform>
            <numerusform>%Ln bookings · {0} gross</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ledger line(s) loaded</source>
        <translation>
            <numerusform>%Ln ledger line loaded</numerusform>
            <numerusform>%Ln ledger lines loaded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formatting</name>
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
            <numerusform>%Ln min</numerusform>
            <numerusform>%Ln min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln h</source>
        <translation>
            <numerusform>%Ln h</numerusform>
            <numerusform>%Ln h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeldPanel</name>
    <message numerus="yes">
        <source>%Ln more waiting</source>
        <translation>
            <numerusform>%Ln more waiting</numerusform>
            <numerusform>%Ln more waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistorySearchPage</name>
    <message numerus="yes">
        <source>Newest %Ln messages shown (there are more)</source>
        <translation>
            <numerusform>Newest %Ln message shown (there are more)</numerusform>
            <numerusform>Newest %Ln messages shown (there are more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) found</source>
        <translation>
            <numerusform>%Ln message found</numerusform>
            <numerusform>%Ln messages found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverlayPanel</name>
    <message numerus="yes">
        <source>%Ln page(s) open</source>
        <translation>
            <numerusform>%Ln page open</numerusform>
            <numerusform>%Ln pages open</numerusform>
        </translation>
    </message>
</context>
</TS>
