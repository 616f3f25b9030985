import DockslimCLI

DockslimCLI.main()
