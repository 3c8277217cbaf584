; Per-user installer of Đầu mối ATTT (NSIS 3, MUI2). Built by
; packaging/dist.sh:  makensis -DVERSION=x.y.z -DSRC=dir -DOUT=file installer.nsi
;
; - Installs for the current user only, into %LOCALAPPDATA%\Programs\DauMoiATTT:
;   no administrator rights (RequestExecutionLevel user).
; - Vietnamese by default, English selectable; /S installs silently.
; - Installing over an older version replaces its files in place.
; - The uninstaller removes only the files it installed, the shortcuts and the
;   "Apps & features" entry. It never touches vaults: they live elsewhere
;   (%APPDATA%\daumoi or a folder the user chose), and it does not look there.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
SetDateSave off
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"
!include "x64.nsh"

!define APPNAME "Đầu mối ATTT"
!define APPKEY "DauMoiATTT"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"

Name "${APPNAME}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APPKEY}"
InstallDirRegKey HKCU "Software\${APPKEY}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${APPNAME}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${APPNAME}"

!define MUI_ICON "${SRC}\daumoi.ico"
!define MUI_UNICON "${SRC}\daumoi.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN "$INSTDIR\daumoi.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString SHORTCUT_CLI ${LANG_VIETNAMESE} "Dòng lệnh ${APPNAME}"
LangString SHORTCUT_CLI ${LANG_ENGLISH} "${APPNAME} command line"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Cần Windows 64-bit. / 64-bit Windows is required." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "${SRC}\daumoi.exe"
  File "${SRC}\daumoi-cli.exe"
  File "${SRC}\daumoi.ico"
  File "${SRC}\README.txt"
  SetOutPath "$INSTDIR\licences"
  File "${SRC}\licences\components.json"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\daumoi.exe" "" "$INSTDIR\daumoi.ico" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\$(SHORTCUT_CLI).lnk" "$SYSDIR\cmd.exe" '/k "cd /d "$INSTDIR" && daumoi-cli.exe help"' "$INSTDIR\daumoi.ico" 0

  WriteRegStr HKCU "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\daumoi.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; Only what the installer put there: never RMDir /r, never the vault folders.
Section "Uninstall"
  Delete "$INSTDIR\daumoi.exe"
  Delete "$INSTDIR\daumoi-cli.exe"
  Delete "$INSTDIR\daumoi.ico"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\licences\components.json"
  RMDir "$INSTDIR\licences"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\$(SHORTCUT_CLI).lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPKEY}"
SectionEnd
