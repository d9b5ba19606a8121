#!/usr/bin/env bash
# The native build's Quarkus steps, without GraalVM (none here): ./mvnw package -Dnative
# -Dquarkus.native.sources-only=true runs every build step a native image needs and writes the sources that
# native-image would compile, so an extension or setting that breaks the native build fails here. Then checks
# that what Jackson writes and reads outside REST endpoints reached the native image's reflection
# configuration (records and the index, the provider wire formats, problem bodies, the pulse request);
# ReflectionRegistrationTest makes sure each new record is registered or named as never serialised.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q package -Dnative -Dquarkus.native.sources-only=true -DskipTests
runner=$(ls target/native-sources/*-runner.jar)
config=$(unzip -p "$runner" META-INF/native-image/reflect-config.json)
missing=()
# shellcheck disable=SC2016 # the $ is a nested class name, not an expansion
for type in log.PulseRecord 'log.PulseRecord$VoiceEntry' 'log.PulseRecord$RoundEntry' 'log.PulseRecord$ReplyEntry' \
  log.LogIndex 'log.LogIndex$Entry' 'api.Problem$Body' 'api.HeartbeatResource$PulseRequest' \
  'voice.provider.OpenAiJson$ChatResponse' 'voice.provider.AnthropicJson$MessagesResponse' \
  'voice.provider.GeminiJson$GenerateResponse'; do
  grep -qF "\"org.mallku.heartbeat.$type\"" <<<"$config" || missing+=("$type")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "native-sources-check: FAIL: not registered for reflection in the native image: ${missing[*]}" >&2
  exit 1
fi
echo "ok    native build steps pass; $(grep -o '"name" *: *"org.mallku' <<<"$config" | wc -l) of our types registered for reflection"
