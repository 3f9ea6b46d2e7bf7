import QRDeskCore

/// The bundled example set behind `qrdesk demo`: several businesses in several languages and scripts,
/// with every template used at least once.
public enum DemoCatalog {
    public struct Business: Sendable {
        public let name: String
        public let tagline: String?
        public let address: String?
        public let link: String
        public let language: String
        public let accent: String?
        public let templates: [String]
    }

    /// Every bundled card template.
    public static let allTemplates = [
        "counter-a5", "counter-a5-landscape", "poster-a4", "poster-letter", "card-a6", "sticker-100", "stand-4x6",
        "stand-5x7", "insert-dl", "tent-a6", "slip-80mm", "slip-58mm", "appointment-card",
        "door-150",
    ]

    public static let businesses: [Business] = [
        Business(
            name: "Studio Nova", tagline: "Hair · Colour · Care", address: "12 Market Street, Bristol BS1 4DJ",
            link: "https://pay.example.com/p/Xk9fA2mQ7t", language: "en", accent: "#1A73E8", templates: allTemplates),
        Business(
            name: "Salón Luna", tagline: "Peluquería y estética", address: "Calle Mayor 8, 28013 Madrid",
            link: "https://pay.example.com/p/Lu7nA9sE2q", language: "es", accent: "#B0306A",
            templates: ["counter-a5", "card-a6"]),
        Business(
            name: "Praxis Dr. Weber", tagline: "Physiotherapie und Osteopathie",
            address: "Lindenstraße 21, 10969 Berlin",
            link: "https://pay.example.com/p/We8bR3pX1z", language: "de", accent: "#00695C",
            templates: ["counter-a5", "poster-a4"]),
        Business(
            name: "Atelier Céleste", tagline: "Onglerie & soins du visage", address: "5 rue des Martyrs, 75009 Paris",
            link: "https://pay.example.com/p/Ce1eS7tE4m", language: "fr", accent: "#6A1B9A",
            templates: ["counter-a5", "sticker-100"]),
        Business(
            name: "Clínica Sorriso", tagline: "Odontologia estética", address: "Rua Augusta 1500, São Paulo",
            link: "https://pay.example.com/p/So9rR1sO5k", language: "pt", accent: "#C62828", templates: ["counter-a5"]),
        Business(
            name: "Салон красоты «Берёза»",
            tagline: "Стрижки, окрашивание, маникюр",
            address: "ул. Пушкина, 10, Москва",
            link: "https://pay.example.com/p/Be3rE2zA8w", language: "ru", accent: "#2E7D32",
            templates: ["counter-a5", "card-a6"]),
        Business(
            name: "صالون الياسمين", tagline: "تصفيف الشعر والعناية بالبشرة",
            address: "شارع الملك فهد، الرياض",
            link: "https://pay.example.com/p/Ya5sM1nE6e", language: "ar", accent: "#8D6E00",
            templates: ["counter-a5", "sticker-100"]),
        Business(
            name: "מספרת אור", tagline: "תספורות וטיפוח",
            address: "רחוב דיזנגוף 50, תל אביב",
            link: "https://pay.example.com/p/Or4hA2eL9d", language: "he", accent: "#0D47A1", templates: ["counter-a5"]),
        Business(
            name: "さくら美容室 Sakura Beauty", tagline: "カット・カラー・ヘッドスパ",
            address: "東京都渋谷区神南1-2-3",
            link: "https://pay.example.com/p/Sa6kU3rA7j", language: "en", accent: "#AD1457",
            templates: ["counter-a5", "poster-letter"]),
    ]
}
