#!/usr/bin/env bash
# Runs the quickstart it-project on other Maven versions than the wrapper's: 3.6.3 (the oldest the
# plugin supports) and the newest Maven 4 on Central, unless versions are given as arguments.
# Needs `./mvnw -B verify` first: it takes the plugin from the it-projects' repository that run fills.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repo=$root/plugin/target/it-repo
work=$root/plugin/target/compat
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(3.6.3 4.0.0-rc-4)
[ -d "$repo/io/github/componentharness/harness-maven-plugin" ] || { echo "Run ./mvnw -B verify first: $repo has no plugin"; exit 2; }

project_version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -1)
property() { sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" "$root/pom.xml" | head -1; }

mkdir -p "$work"
cat > "$work/settings.xml" <<XML
<settings><profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>it</id><url>file://$repo</url>
    <snapshots><enabled>true</enabled></snapshots></repository></repositories>
  <pluginRepositories><pluginRepository><id>it</id><url>file://$repo</url>
    <snapshots><enabled>true</enabled></snapshots></pluginRepository></pluginRepositories>
</profile></profiles></settings>
XML

status=0
for version in "${versions[@]}"; do
  start=$(date +%s)
  dist=$work/apache-maven-$version
  if [ ! -x "$dist/bin/mvn" ]; then
    "$root/mvnw" -q -B dependency:copy -Dartifact="org.apache.maven:apache-maven:$version:zip:bin" -DoutputDirectory="$work"
    (cd "$work" && unzip -q -o "apache-maven-$version-bin.zip")
  fi
  project=$work/quickstart-$version
  rm -rf "$project"
  cp -r "$root/it-projects/quickstart" "$project"
  sed -i -e "s/@project.version@/$project_version/g" -e "s/@jeromq.version@/$(property jeromq.version)/g" \
      -e "s/@junit.version@/$(property junit.version)/g" "$project/pom.xml"
  # -c: Maven 4 would otherwise refuse the local file repository's artifacts, which carry no checksums.
  if (cd "$project" && "$dist/bin/mvn" -B -c -s "$work/settings.xml" -Dmaven.repo.local="$work/repo-$version" verify > build.log 2>&1) \
      && grep -q 'Harness stopped.' "$project/build.log" && grep -q 'Tests run: 1, Failures: 0, Errors: 0' "$project/build.log"; then
    echo "Maven $version: quickstart passed in $(( $(date +%s) - start )) s"
  else
    echo "Maven $version: quickstart FAILED, see $project/build.log"
    status=1
  fi
done
exit $status
