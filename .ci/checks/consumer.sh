#!/usr/bin/env bash
# Packs the library, then restores, builds and runs a consumer project that references the package
# by version from the local folder (nuget.config adds artifacts/packages; no remote feed is named).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(dotnet msbuild src/SecondChance/SecondChance.csproj -getProperty:Version -nologo)
rm -f artifacts/packages/SecondChance.*nupkg
dotnet pack src/SecondChance/SecondChance.csproj -c Release -nologo -v quiet
# A package of the same version may sit in the NuGet cache from an earlier pack; drop it so the fresh one is used.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/secondchance/$version"
dotnet run --project tests/consumer/Consumer.csproj -c Release -p:SecondChanceVersion="$version" -- "$PWD/artifacts/packages" "$version"
