namespace Comity.Tests;
