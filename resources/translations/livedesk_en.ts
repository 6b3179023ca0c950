<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
</TS>
