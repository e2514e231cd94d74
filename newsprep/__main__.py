from newsprep.cli import main

raise SystemExit(main())
