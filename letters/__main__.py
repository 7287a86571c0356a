from letters.cli import main

raise SystemExit(main())
