"""Installed mobile apps (client-exposure.md §2.9, §4, issue 12 §2): every line of an Expo or
React Native app is inside the package users install; Expo Router `+api` routes run on a server;
Expo's `extra` is shipped with the app. Native apps ship their code and resources too: Flutter's
`lib/**/*.dart`, an Android module's sources, resources, manifest and BuildConfig fields, an iOS
app's Swift/Objective-C, Info.plist and .xcconfig settings; Capacitor/Ionic copy their config into
the native app."""

import re

from kaman_lint import lazy_re
from kaman_lint.exposure.frameworks import CLIENT, SERVER, convention

# Android source sets compiled into the app: `main`, build types and flavours; not the tests.
ANDROID_SHIPPED_SOURCE_SET = r"(?!test|androidTest|sharedTest|testFixtures|screenshotTest)[A-Za-z]\w*"

CONVENTIONS = (
    convention(r"(^|/)app/(.+/)?[^/]*\+api\.[jt]sx?$", SERVER, "an Expo Router API route"),
    convention(r"(^|/)capacitor\.config\.(?:[cm]?[jt]s|json)$", CLIENT,
               "Capacitor config, copied into the native app users install", overrides=True),
    # Every source set but the test ones ships: `src/main/res`, `src/debug/res`, `src/prod/res`.
    convention(rf"(^|/)src/{ANDROID_SHIPPED_SOURCE_SET}/res/.+\.xml$", CLIENT,
               "an Android app resource, packaged into the APK"),
    convention(r"(^|/)AndroidManifest\.xml$", CLIENT, "the Android app manifest, packaged into the APK"),
    # Expo embeds the app config in the app (`Constants.expoConfig`, `extra` included) and writes
    # its native keys into the manifest and Info.plist; eas.json (submit credentials) stays out.
    convention(r"^app(?:\.config)?\.json$", CLIENT, "Expo app config, embedded in the app users install",
               frameworks=frozenset({"expo"})),
    convention(r"(^|/)Info\.plist$", CLIENT, "an Apple app's Info.plist, inside the app bundle users install"),
    convention(r"\.xcconfig$", CLIENT, "Xcode build settings, substituted into the app's Info.plist and code"),
)
# Native sources, told by a file at the app's root (a Dart server has a pubspec too, but no
# `flutter`; a Java server has src/main/java, but no AndroidManifest.xml).
ASSET_FOLDERS = (
    (lazy_re.compile(r"(^|/)lib/(?:.+/)?[^/]+\.dart$"), (("pubspec.yaml", "flutter"),),
     "Dart code of a Flutter app, compiled into the app users install"),
    (lazy_re.compile(rf"(^|/)src/{ANDROID_SHIPPED_SOURCE_SET}/(?:java|kotlin)/(?:.+/)?[^/]+\.(?:kt|java)$"),
     ("src/main/AndroidManifest.xml",), "code of an Android app, compiled into the APK users install"),
)
# Android Gradle: what these lines put in BuildConfig, resources or the manifest ships in the APK.
GRADLE_FILES = lazy_re.compile(r"(^|/)[^/]+\.gradle(?:\.kts)?$")
GRADLE_SHIPPING_LINE = lazy_re.compile(r"\b(?:buildConfigField|resValue|manifestPlaceholders)\b")
GRADLE_PROPERTIES = lazy_re.compile(r"(^|/)(?:gradle|local|keystore|secrets|[\w-]+)\.properties$")
# Names a shipping line reads: `"$KAMAN_KEY"`, `localProperties["KAMAN_KEY"]`, `findProperty("KAMAN_KEY")`.
GRADLE_NAME = lazy_re.compile(r"""(?:\$\{?|\[\s*['"]|(?:Property|getProperty|property|getenv)\(\s*['"])([A-Za-z_][\w.]*)""")
# Swift/Objective-C importing an Apple UI framework is app code (server-side Swift imports none).
APPLE_UI_IMPORT = lazy_re.compile(r"^\s*(?:@?import\s+(?:UIKit|SwiftUI|AppKit|WatchKit)\b|#import\s+<(?:UIKit|AppKit)/)", re.M)
APPLE_SOURCE_SUFFIXES = (".swift", ".m", ".mm")
# Code of an Xcode app target needs no UI import (`enum Secrets { static let kaman = "..." }` with
# `import Foundation`): a folder at or above it holding an Xcode project or workspace tells it,
# unless it is a test target or imports a server framework (Vapor can generate an .xcodeproj).
XCODE_PROJECT_SUFFIXES = (".xcodeproj", ".xcworkspace")
XCODE_APP_SOURCE_SUFFIXES = APPLE_SOURCE_SUFFIXES + (".h",)
APPLE_TEST_FOLDER = lazy_re.compile(r"(^|/)[^/]*Tests?/")
APPLE_SERVER_IMPORT = lazy_re.compile(r"^\s*import\s+(?:Vapor|Fluent\w*|Kitura\w*|Hummingbird\w*|Perfect\w*|NIOHTTP1)\b", re.M)
# (package framework, why its code ships): roles treat all of such a package's scripts as client.
INSTALLED_APPS = (
    ("expo", "code of an Expo app, shipped inside the app users install"),
    ("react-native", "code of a React Native app, shipped inside the app users install"),
    ("capacitor", "code of a Capacitor/Ionic app, shipped inside the app users install"),
)
CONFIG_BLOCKS = (
    (lazy_re.compile(r"\bextra\s*:"), "Expo app config `extra` (shipped inside the app)", "app"),
)
