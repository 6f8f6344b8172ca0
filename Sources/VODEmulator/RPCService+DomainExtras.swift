import FoundationEssentials
import Synchronization
import VODSigning

/// Domain ownership checks, HTTPS certificates, serving addresses, preloads and crossdomain.xml.
extension RPCService {
    // MARK: ownership

    /// The TXT record value that proves a domain is the account's: stable per account and domain.
    private func verifyContent(_ domain: String) -> String {
        "verify_" + Digest.hash(.md5, Array("\(store.accessKeyId)|\(domain.lowercased())".utf8)).hexString
    }

    func describeVodVerifyContent(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        [("Content", .string(verifyContent(try context.required("DomainName"))))]
    }

    /// The sandbox cannot look up DNS or fetch the file the check reads, so a well-formed request verifies.
    func verifyVodDomainOwner(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let domain = try context.required("DomainName")
        let type = try context.required("VerifyType")
        guard ["dnsCheck", "fileCheck"].contains(type) else {
            throw RPCFailure.invalid("VerifyType", "Use dnsCheck or fileCheck.")
        }
        return [("Content", .string(verifyContent(domain)))]
    }

    // MARK: certificates

    private static func pemBody(_ text: String, kind: String) -> [UInt8]? {
        guard text.contains("-----BEGIN \(kind)"), text.contains("-----END \(kind)") else { return nil }
        return Array(text.utf8)
    }

    private func setCertificate(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        var domain = try requireDomain(context)
        let protocolSwitch = try context.required("SSLProtocol")
        guard ["on", "off"].contains(protocolSwitch) else { throw RPCFailure.invalid("SSLProtocol", "Use on or off.") }
        let now = store.now()
        if protocolSwitch == "on" {
            let pub = try context.required("SSLPub")
            let pri = try context.required("SSLPri")
            guard let body = Self.pemBody(pub, kind: "CERTIFICATE") else {
                throw RPCFailure.invalid("SSLPub", "It must be a PEM certificate (-----BEGIN CERTIFICATE-----).")
            }
            guard pri.contains("-----BEGIN") && pri.contains("PRIVATE KEY-----") else {
                throw RPCFailure.invalid("SSLPri", "It must be a PEM private key (-----BEGIN ... PRIVATE KEY-----).")
            }
            let name = context.string("CertName") ?? domain.domainName
            domain.certificate = CertificateRecord(
                certId: domain.certificate?.certId ?? Int64.random(in: 10_000_000...99_999_999), certName: name,
                publicKey: pub, fingerprint: Digest.hash(.sha1, body).hexString,
                creationTime: domain.certificate?.creationTime ?? now, updateTime: now)
            domain.certName = name
        } else {
            domain.certificate = nil
            domain.certName = nil
        }
        domain.sslProtocol = protocolSwitch
        domain.modificationTime = now
        let saved = domain
        store.mutate { $0.domains[saved.domainName] = saved }
        return []
    }

    func setVodDomainCertificate(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        try setCertificate(context)
    }

    func setVodDomainSSLCertificate(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        if let type = context.string("CertType"), !["upload", "cas", "free"].contains(type) {
            throw RPCFailure.invalid("CertType", "Use upload, cas or free.")
        }
        return try setCertificate(context)
    }

    func describeVodDomainCertificateInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let domain = try requireDomain(context)
        let infos: [JSON] =
            domain.certificate.map { cert in
                let expires = cert.creationTime.addingTimeInterval(365 * 86_400)
                return [
                    .object([
                        ("DomainName", .string(domain.domainName)), ("CertName", .string(cert.certName)),
                        ("CertId", .string(String(cert.certId))), ("CertDomainName", .string(domain.domainName)),
                        ("CertType", .string("upload")), ("CertOrg", .string("")),
                        ("CertRegion", .string(store.configuration.region)), ("CertLife", .string("12 months")),
                        ("CertStartTime", iso(cert.creationTime)), ("CertExpireTime", iso(expires)),
                        ("CertUpdateTime", iso(cert.updateTime)), ("ServerCertificate", .string(cert.publicKey)),
                        ("ServerCertificateStatus", .string(domain.sslProtocol ?? "off")),
                        ("Status", .string("success")), ("DomainCnameStatus", .string("online")),
                    ])
                ]
            } ?? []
        return [("CertInfos", .object([("CertInfo", .array(infos))]))]
    }

    /// Certificates of the account's domains (one domain when DomainName is given), newest first.
    private func certificates(_ context: RPCContext) -> [(DomainRecord, CertificateRecord)] {
        let wanted = context.string("DomainName")?.lowercased()
        let keyword = context.string("SearchKeyword")
        return store.read { Array($0.domains.values) }
            .compactMap { domain in domain.certificate.map { (domain, $0) } }
            .filter { wanted == nil || $0.0.domainName == wanted }
            .filter { keyword == nil || $0.1.certName.contains(keyword!) || $0.0.domainName.contains(keyword!) }
            .sorted {
                $0.1.updateTime != $1.1.updateTime ? $0.1.updateTime > $1.1.updateTime : $0.1.certId < $1.1.certId
            }
    }

    private static func millis(_ date: Date) -> JSON { .int(Int64(date.timeIntervalSince1970 * 1000)) }

    func describeVodCertificateList(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let found = certificates(context)
        let items: [JSON] = found.map { domain, cert in
            .object([
                ("CertId", .int(cert.certId)), ("CertName", .string(cert.certName)),
                ("CertIdentifier", .string("\(cert.certId)-\(store.configuration.region)")),
                ("Common", .string(domain.domainName)), ("Fingerprint", .string(cert.fingerprint)),
                ("Issuer", .string("sandbox")), ("Algorithm", .string("RSA")), ("SignAlgorithm", .string("SHA256")),
                ("InstanceId", .string("")), ("DomainMatchCert", .bool(true)),
                ("CreateTime", Self.millis(cert.creationTime)),
                ("EndTime", Self.millis(cert.creationTime.addingTimeInterval(365 * 86_400))),
                ("LastTime", Self.millis(cert.updateTime)),
            ])
        }
        return [
            (
                "CertificateListModel",
                .object([("Count", .int(items.count)), ("CertList", .object([("Cert", .array(items))]))])
            )
        ]
    }

    func describeVodSSLCertificateList(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let number = Int(try context.int("PageNumber") ?? 1)
        let size = Int(try context.int("PageSize") ?? 20)
        guard number >= 1 else { throw RPCFailure.invalid("PageNumber", "It starts at 1.") }
        guard (1...500).contains(size) else { throw RPCFailure.invalid("PageSize", "Use 1 to 500.") }
        let found = certificates(context)
        let items: [JSON] = found.page((number, size)).map { domain, cert in
            .object([
                ("CertId", .int(cert.certId)), ("CertName", .string(cert.certName)),
                ("CertRegion", .string(store.configuration.region)), ("Common", .string(domain.domainName)),
                ("Fingerprint", .string(cert.fingerprint)), ("Issuer", .string("sandbox")),
                ("LastTime", Self.millis(cert.updateTime)),
            ])
        }
        return [
            (
                "CertificateListModel",
                .object([
                    ("Count", .int(found.count)), ("PageNumber", .int(number)), ("PageSize", .int(size)),
                    ("CertList", .object([("Cert", .array(items))])),
                ])
            )
        ]
    }

    // MARK: serving

    /// The addresses the domain is served from: the sandbox's own listening host.
    func describeVodUserVipsByDomain(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let domain = try requireDomain(context)
        let host = URL(string: store.endpoint.withLock { $0 })?.host ?? store.configuration.host
        return [("DomainName", .string(domain.domainName)), ("Vips", .object([("Vip", .array([.string(host)]))]))]
    }

    func preloadVodObjectCaches(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let paths = (try context.required("ObjectPath")).split(whereSeparator: \.isNewline).map(String.init)
        guard paths.count <= 100 else { throw RPCFailure.invalid("ObjectPath", "Send at most 100 URLs.") }
        if let area = context.string("Area"), !["domestic", "overseas"].contains(area) {
            throw RPCFailure.invalid("Area", "Use domestic or overseas.")
        }
        let now = store.now()
        let tasks = paths.map {
            RefreshTaskRecord(
                taskId: String(Int.random(in: 10_000_000...99_999_999)), objectPath: $0, objectType: "Preload",
                creationTime: now)
        }
        store.mutate { $0.refreshTasks = ($0.refreshTasks ?? []) + tasks }
        return [("PreloadTaskId", .string(tasks.map(\.taskId).joined(separator: ",")))]
    }

    /// Writes crossdomain.xml at the root of the bucket, where Flash players read it.
    func setCrossdomainContent(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let content = try context.required("Content")
        let location = try context.required("StorageLocation")
        guard location == store.bucket || location.hasPrefix(store.bucket + ".") else {
            throw RPCFailure.notFound(
                "InvalidStorage.NotFound", "The storage location \(location) is not the sandbox's (\(store.bucket)).")
        }
        guard content.contains("<cross-domain-policy") else {
            throw RPCFailure.invalid("Content", "It must be a crossdomain.xml document (<cross-domain-policy>).")
        }
        let bytes = Array(content.utf8)
        var crc = CRC64()
        crc.update(bytes)
        let segment = randomHex()
        do {
            try Data(bytes).write(to: store.objectPath(segment))
        } catch {
            throw RPCFailure(
                status: 500, code: "InternalError", message: "The sandbox could not store crossdomain.xml.")
        }
        store.objectStored(
            ObjectRecord(
                bucket: store.bucket, key: "crossdomain.xml", size: Int64(bytes.count),
                etag: Digest.hash(.md5, bytes).hexString.uppercased(), crc64: crc.value,
                contentType: "text/xml", segments: [segment], lastModified: store.now()))
        return []
    }
}
