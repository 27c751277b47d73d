; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
; libsql's native module (the history store) imports VCRUNTIME140.dll from the Microsoft Visual
; C++ Redistributable, which Electron does not ship and not every Windows has. Without it the app
; would install and then fail when it opens its history, so the installer checks first.
!macro customInit
  SetRegView 64
  ReadRegDWORD $0 HKLM "SOFTWARE\Microsoft\VisualStudio\14.0\VC\Runtimes\x64" "Installed"
  SetRegView lastused
  IntCmp $0 1 vcRuntimePresent
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "Fleetscope needs the Microsoft Visual C++ Redistributable (x64), which is not installed on this computer.$\r$\n$\r$\nOpen its download page now? Install it, then run this installer again." /SD IDNO IDNO vcRuntimeAbort
      ExecShell "open" "https://aka.ms/vs/17/release/vc_redist.x64.exe"
    vcRuntimeAbort:
    Abort
  vcRuntimePresent:
!macroend
